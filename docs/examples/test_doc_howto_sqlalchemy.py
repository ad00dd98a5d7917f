"""How-to (docs/howto/sqlalchemy.md): code that uses SQLAlchemy's AsyncSession.

SQLAlchemy is not installed for the examples. AsyncSession below has the
methods of ``sqlalchemy.ext.asyncio.AsyncSession`` that the code uses, async
exactly where SQLAlchemy's are (``execute``, ``get``, ``commit``...) and sync
where SQLAlchemy's are (``add``, and ``begin``, which returns an async context
manager). ``select`` builds a statement that ``compare()`` can check, as
SQLAlchemy's do. The code under test reads as it would with SQLAlchemy.
"""
import datetime

import pytest
from asyncmock import AsyncMock, MagicMock, call


# --- the stand-in for sqlalchemy --------------------------------------------


class AsyncSession:
    async def execute(self, statement, params=None):
        raise RuntimeError("no database in the examples")

    async def get(self, entity, ident):
        raise RuntimeError("no database in the examples")

    async def commit(self):
        pass

    async def rollback(self):
        pass

    async def close(self):
        pass

    def add(self, instance):
        pass

    def begin(self):
        """Return an async context manager: commits on success, rolls back on error."""
        raise RuntimeError("no database in the examples")


class Select:
    def __init__(self, entity, criteria=()):
        self.entity = entity
        self.criteria = tuple(criteria)

    def filter_by(self, **criteria):
        return Select(self.entity, self.criteria + tuple(sorted(criteria.items())))

    def compare(self, other):
        return (self.entity, self.criteria) == (other.entity, other.criteria)


def select(entity):
    return Select(entity)


class OperationalError(Exception):
    """Stands for sqlalchemy.exc.OperationalError."""


# --- the code under test ------------------------------------------------------

# [start code]
ONE_YEAR = datetime.timedelta(days=365)


class User:
    def __init__(self, name, last_login, active=True):
        self.name = name
        self.last_login = last_login
        self.active = active


class AuditEntry:
    def __init__(self, action, count):
        self.action = action
        self.count = count


async def deactivate_dormant_users(Session, now):
    """Deactivate the active users who have not logged in for a year; return their names."""
    async with Session() as session:
        async with session.begin():  # commits when the block ends
            result = await session.execute(select(User).filter_by(active=True))
            dormant = [u for u in result.scalars().all() if now - u.last_login > ONE_YEAR]
            for user in dormant:
                user.active = False
            session.add(AuditEntry("deactivate", len(dormant)))
    return [user.name for user in dormant]
# [end code]


NOW = datetime.datetime(2026, 1, 1)


# [start fixtures]
def result_of(rows):
    """What `await session.execute(...)` returns: .scalars().all() gives rows."""
    result = MagicMock()
    result.scalars.return_value.all.return_value = rows
    return result


@pytest.fixture
def session():
    # spec: execute() and get() are awaitable, add() and begin() are not, as in
    # SQLAlchemy. sync_results: what an await returns has sync methods.
    return AsyncMock(spec=AsyncSession, sync_results=True)


@pytest.fixture
def Session(session):
    """The async_sessionmaker: `async with Session() as session`."""
    Session = MagicMock()
    Session.return_value.aenter_return_value = session
    return Session
# [end fixtures]


# [start test]
async def test_only_users_dormant_for_a_year_are_deactivated(Session, session):
    ada = User("ada", last_login=NOW - datetime.timedelta(days=400))
    grace = User("grace", last_login=NOW - datetime.timedelta(days=3))
    session.execute.return_value = result_of([ada, grace])

    assert await deactivate_dormant_users(Session, NOW) == ["ada"]

    assert (ada.active, grace.active) == (False, True)
    statement = session.execute.await_args[0][0]
    assert statement.compare(select(User).filter_by(active=True))
    [(entry,), _] = session.add.call_args
    assert (entry.action, entry.count) == ("deactivate", 1)
# [end test]


# [start transaction]
async def test_the_changes_are_made_inside_one_transaction(Session, session):
    session.execute.return_value = result_of([])

    await deactivate_dormant_users(Session, NOW)

    transaction = session.begin.return_value
    transaction.__aenter__.assert_awaited_once_with()
    transaction.__aexit__.assert_awaited_once_with(None, None, None)  # committed
    Session.return_value.__aexit__.assert_awaited_once_with(None, None, None)  # closed
    # Everything that happened to the session, its transaction and its result, in order:
    assert [name for name, _, _ in session.mock_calls] == [
        "begin",
        "begin().__aenter__",
        "execute",
        "execute().scalars",
        "execute().scalars().all",
        "add",
        "begin().__aexit__",
    ]


async def test_a_database_error_rolls_the_transaction_back(Session, session):
    session.execute.side_effect = OperationalError("connection lost")

    with pytest.raises(OperationalError):
        await deactivate_dormant_users(Session, NOW)

    session.add.assert_not_called()
    # __aexit__ saw the error: SQLAlchemy rolls back there.
    exc_type, exc, _ = session.begin.return_value.__aexit__.await_args[0]
    assert exc_type is OperationalError and str(exc) == "connection lost"
# [end transaction]


# [start several-queries]
async def test_one_result_per_execute():
    session = AsyncMock(spec=AsyncSession, sync_results=True)
    session.execute.side_effect = [result_of(["ada"]), result_of(["grace", "alan"])]

    first = await session.execute(select(User).filter_by(active=True))
    second = await session.execute(select(User).filter_by(active=False))

    assert first.scalars().all() == ["ada"]
    assert second.scalars().all() == ["grace", "alan"]
    assert session.execute.await_count == 2
# [end several-queries]


# [start without-spec]
async def test_without_a_spec_begin_returns_a_coroutine():
    session = AsyncMock()  # every attribute is async, begin() and add() too

    transaction = session.begin()

    with pytest.raises((TypeError, AttributeError)):  # not an async context manager
        async with transaction:
            pass
    transaction.close()  # never awaited: close it, or Python warns
    assert session.begin.unawaited_calls == [call()]
# [end without-spec]
