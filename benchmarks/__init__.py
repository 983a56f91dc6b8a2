"""Benchmarks for pdmap's detector: labelled data sets, scoring, accuracy and speed runs."""
