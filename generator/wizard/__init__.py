"""The wizard: questions asked in a terminal, answered into a store profile.

- ``questionnaire``: loads and checks ``questionnaires/store.yaml`` (which question fills
  which field, and when it is asked).
- ``paths`` and ``typed``: answers as a nested dict, and what typed text means.
- ``interview``: which question comes next and its default (no terminal here).
- ``session``: one whole run: where answers start, keeping them across Ctrl-C, saving.
- ``terminal``: the questionary prompter and the ``policygen wizard`` entry point.
"""
