# A package, so that tests/browser/conftest.py is imported as
# "browser.conftest" and does not shadow tests/conftest.py ("conftest"),
# which the other test modules import helpers from.
