"""Use cases: one function per action a person takes; they flush, the edge commits."""
