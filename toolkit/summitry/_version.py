# The package version: the one place it is written. The dataset's own version is the
# name of each folder under dataset/releases/.
__version__ = "0.2.0"
