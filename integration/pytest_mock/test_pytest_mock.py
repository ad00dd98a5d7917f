"""asyncmock's mocks and autospecs, installed and undone by pytest-mock's ``mocker``."""
import pytest

import payments
from asyncmock import AsyncMock, call, create_autospec

ORIGINAL_CHARGE = payments.charge


async def test_mocker_patch_with_new_callable_asyncmock(mocker):
    charge = mocker.patch("payments.charge", new_callable=AsyncMock, return_value="receipt")

    assert isinstance(charge, AsyncMock)
    assert await payments.checkout("4242", 10) == "receipt"
    charge.assert_awaited_once_with("4242", 10)


async def test_new_callable_receives_the_keyword_arguments(mocker):
    charge = mocker.patch.object(payments, "charge", new_callable=AsyncMock,
                                 side_effect=[ConnectionError(), "receipt"])

    assert await payments.checkout("4242", 10) == "receipt"
    assert charge.await_args_list == [call("4242", 10), call("4242", 10)]


async def test_stopall_restores_what_new_callable_replaced(mocker):
    mocker.patch("payments.charge", new_callable=AsyncMock)
    mocker.stopall()
    assert payments.charge is ORIGINAL_CHARGE


async def test_resetall_clears_the_await_records(mocker):
    charge = mocker.patch("payments.charge", new_callable=AsyncMock)
    await payments.checkout("4242", 10)

    mocker.resetall()

    assert charge.await_count == 0 and charge.await_args is None
    charge.assert_not_awaited()


async def test_mocker_patch_with_an_autospecced_async_function(mocker):
    charge = mocker.patch("payments.charge", new=create_autospec(payments.charge, return_value="receipt"))

    assert await payments.checkout("4242", 10) == "receipt"
    charge.assert_awaited_once_with("4242", 10)
    with pytest.raises(TypeError):
        await charge("4242", 10, "too many")


async def test_mocker_patch_with_an_autospecced_class(mocker):
    gateway_class = mocker.patch("payments.Gateway", new=create_autospec(payments.Gateway))
    gateway = gateway_class.return_value
    gateway.authorize.return_value = "auth-1"
    gateway.capture.return_value = "captured"

    assert await payments.pay("key", "4242", 10) == "captured"
    gateway_class.assert_called_once_with("key")
    gateway.authorize.assert_awaited_once_with("4242", 10)
    gateway.capture.assert_awaited_once_with("auth-1")
    with pytest.raises(TypeError):
        await gateway.authorize("4242", 10, "EUR", "extra")


async def test_autospecced_async_method_patched_on_the_class_receives_self(mocker):
    authorize = mocker.patch.object(payments.Gateway, "authorize", new=create_autospec(
        payments.Gateway.authorize, return_value=None))

    with pytest.raises(payments.Declined):
        await payments.pay("key", "4242", 10)
    (gateway, card, amount), _ = authorize.await_args
    assert (type(gateway), card, amount) == (payments.Gateway, "4242", 10)
