"""The store profile: what a store does with personal data, as typed answers."""

from generator.countries import EEA
from generator.model.profile import Clash, Clashes, StoreProfile

__all__ = ["EEA", "Clash", "Clashes", "StoreProfile"]
