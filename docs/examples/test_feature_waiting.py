"""Feature: wait for a background task's await instead of sleeping.

userapi.sign_up queues a welcome email and returns at once; the Notifier's
worker task sends it later. The test waits until the mailer was awaited:
it resumes the moment the email goes out, and fails with a message if it
never does.
"""
import pytest
from asyncmock import AsyncMock

import userapi
from userapi import Response


@pytest.fixture
def client():
    client = AsyncMock()
    client.post.return_value = Response(201, {"id": 1})
    return client


@pytest.fixture
def mailer():
    # A timeout for every wait_until_* on the mailer and its children: a test
    # whose email never goes out fails after a second instead of hanging.
    return AsyncMock(wait_timeout=1)


@pytest.fixture
async def notifier(mailer):
    notifier = userapi.Notifier(mailer)
    notifier.start()
    yield notifier
    await notifier.stop()


async def test_signing_up_sends_a_welcome_email_in_the_background(client, notifier, mailer):
    await userapi.sign_up(client, notifier, "Ada", "ada@example.com")

    await mailer.send.wait_until_awaited()

    mailer.send.assert_awaited_once_with("ada@example.com", "Welcome, Ada!")


async def test_every_user_who_signs_up_gets_an_email(client, notifier, mailer):
    for name in ("Ada", "Grace", "Barbara"):
        await userapi.sign_up(client, notifier, name, f"{name.lower()}@example.com")

    await mailer.send.wait_until_awaited(count=3)

    assert mailer.send.await_count == 3


async def test_waiting_for_one_email_in_particular(client, notifier, mailer):
    await userapi.sign_up(client, notifier, "Ada", "ada@example.com")
    await userapi.sign_up(client, notifier, "Grace", "grace@example.com")

    await mailer.send.wait_until_any_await_with("grace@example.com", "Welcome, Grace!")


async def test_an_email_that_never_goes_out_fails_with_the_awaits_seen(client, notifier, mailer):
    mailer.send.wait_timeout = 0.1
    await userapi.sign_up(client, notifier, "Ada", "ada@example.com")

    with pytest.raises(AssertionError) as failure:
        await mailer.send.wait_until_any_await_with("grace@example.com", "Welcome, Grace!")

    assert str(failure.value) == (
        "mock.send was not awaited with send('grace@example.com', 'Welcome, Grace!') "
        "within 0.1 seconds. Awaits: [call('ada@example.com', 'Welcome, Ada!')]"
    )


async def test_default_timeout_bounds_the_waits_of_every_asyncmock(monkeypatch, client):
    # In a conftest.py: AsyncMock.DEFAULT_TIMEOUT = 5
    monkeypatch.setattr(AsyncMock, "DEFAULT_TIMEOUT", 0.05)
    mailer = AsyncMock()
    notifier = userapi.Notifier(mailer)
    notifier.start()
    await userapi.sign_up(client, notifier, "Ada", "ada@example.com")

    with pytest.raises(AssertionError, match="mock.send was not awaited 2 times within 0.05 seconds"):
        await mailer.send.wait_until_awaited(count=2)
    await notifier.stop()
