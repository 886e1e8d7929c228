"""Synthetic, deliberately messy customer extracts with ground truth, for tests and demos.

`generate(persons, seed, out_dir)` writes crm_contacts, erp_customers, legacy_customers,
interactions and ground_truth in the shape of the data contract; `MessConfig` sets how messy.
"""

from customer_identity.synthetic.generator import MessConfig, generate, main

__all__ = ["MessConfig", "generate", "main"]
