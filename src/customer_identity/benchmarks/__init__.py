"""Benchmarks: public reference data sets converted to the data contract."""
