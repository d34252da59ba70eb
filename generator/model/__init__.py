"""The store profile: what a store does with personal data, as typed answers."""

from generator.model.profile import EEA, Clash, Clashes, StoreProfile

__all__ = ["EEA", "Clash", "Clashes", "StoreProfile"]
