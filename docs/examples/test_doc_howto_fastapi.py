"""How-to (docs/howto/fastapi.md): async dependencies of a FastAPI-style app.

FastAPI is not installed for the examples: FastAPI, Depends and TestClient
below are a stand-in that resolves dependencies the way FastAPI does. It
calls each dependency (or its override in app.dependency_overrides) with the
parameters its signature declares, takes any other parameter from the query
string and answers 422 when one is missing. The app code between the markers
reads as it would with FastAPI.
"""
import inspect

import pytest
from asyncmock import AsyncMock, create_autospec, patch


# --- the stand-in for fastapi --------------------------------------------------


class Depends:
    def __init__(self, dependency):
        self.dependency = dependency


class FastAPI:
    def __init__(self):
        self.routes = {}
        self.dependency_overrides = {}

    def get(self, path):
        def register(endpoint):
            self.routes[path] = endpoint
            return endpoint

        return register


class MissingParameter(Exception):
    pass


class Response:
    def __init__(self, status_code, data):
        self.status_code = status_code
        self._data = data

    def json(self):
        return self._data


class TestClient:
    """Calls the app's endpoints: ``await TestClient(app).get("/weather", city="Oslo")``."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, app):
        self.app = app

    async def get(self, path, **query):
        try:
            data = await self._solve(self.app.routes[path], query)
        except MissingParameter as missing:
            return Response(422, {"detail": "missing query parameter " + str(missing)})
        return Response(200, data)

    async def _solve(self, function, query):
        function = self.app.dependency_overrides.get(function, function)
        arguments = {}
        for name, parameter in inspect.signature(function).parameters.items():
            if isinstance(parameter.default, Depends):
                arguments[name] = await self._solve(parameter.default.dependency, query)
            elif name in query:
                arguments[name] = query[name]
            elif parameter.default is inspect.Parameter.empty:
                raise MissingParameter(name)  # *args and **kwargs included, as in FastAPI
        result = function(**arguments)
        return await result if inspect.isawaitable(result) else result


# --- the app --------------------------------------------------------------------

# [start app]
app = FastAPI()


class WeatherService:
    """The client of the upstream weather API."""

    def __init__(self, api_key):
        self.api_key = api_key

    async def forecast(self, city):
        raise RuntimeError("no network in the examples")


async def read_api_key():
    """Read the API key from the secrets store (over the network, in production)."""
    raise RuntimeError("no secrets store in the examples")


async def get_weather_service():
    """The dependency: a service configured with the API key."""
    return WeatherService(await read_api_key())


@app.get("/weather")
async def weather(city: str, service: WeatherService = Depends(get_weather_service)):
    forecast = await service.forecast(city)
    return {"city": city, "temperature": forecast["temperature"]}
# [end app]


# [start override]
@pytest.fixture
def service():
    service = AsyncMock(spec=WeatherService)  # forecast() is awaitable, as in the class
    service.forecast.return_value = {"temperature": 21.5}
    return service


@pytest.fixture
def dependency(service):
    """Replace get_weather_service for the app while a test runs."""
    # create_autospec keeps the signature, which is all FastAPI looks at.
    override = create_autospec(get_weather_service, return_value=service)
    app.dependency_overrides[get_weather_service] = override
    yield override
    del app.dependency_overrides[get_weather_service]


async def test_weather_returns_the_forecast_temperature(dependency, service):
    response = await TestClient(app).get("/weather", city="Oslo")

    assert response.status_code == 200
    assert response.json() == {"city": "Oslo", "temperature": 21.5}
    dependency.assert_awaited_once_with()
    service.forecast.assert_awaited_once_with("Oslo")
# [end override]


# [start bare-asyncmock]
async def test_a_bare_asyncmock_as_an_override_looks_like_two_query_parameters(service):
    app.dependency_overrides[get_weather_service] = AsyncMock(return_value=service)
    try:
        response = await TestClient(app).get("/weather", city="Oslo")
    finally:
        del app.dependency_overrides[get_weather_service]

    # Its signature is (*args, **kwargs): FastAPI asks the client for both.
    assert response.status_code == 422
    service.forecast.assert_not_awaited()
# [end bare-asyncmock]


# [start patch-inner]
@patch(__name__ + ".read_api_key", return_value="test-key")
async def test_the_real_dependency_runs_with_a_patched_key(read_api_key):
    with patch.object(WeatherService, "forecast", return_value={"temperature": 4.0}) as forecast:
        response = await TestClient(app).get("/weather", city="Bergen")

    assert response.json() == {"city": "Bergen", "temperature": 4.0}
    read_api_key.assert_awaited_once_with()
    forecast.assert_awaited_once_with("Bergen")
# [end patch-inner]


# [start patch-depends-target]
async def test_patching_the_dependency_by_name_does_not_reach_depends(service):
    with patch(__name__ + ".get_weather_service", return_value=service) as patched:
        with pytest.raises(RuntimeError, match="no secrets store"):
            await TestClient(app).get("/weather", city="Oslo")

    # Depends() kept the original function when the module was imported.
    patched.assert_not_awaited()
# [end patch-depends-target]
