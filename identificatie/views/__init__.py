from . import behoeften, proces, signalen

__all__ = ["behoeften", "proces", "signalen"]
