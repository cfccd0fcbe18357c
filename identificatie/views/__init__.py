from . import proces, signalen

__all__ = ["proces", "signalen"]
