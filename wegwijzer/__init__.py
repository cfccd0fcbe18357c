"""The wegwijzer: which organisation offers what help, and which schemes apply.

A directory for every professional; it holds no case data. Each organisation keeps
its own offers through its organisation administrators; the schemes are kept by
functional management in the admin.
"""
