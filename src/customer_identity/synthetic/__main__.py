"""`python -m customer_identity.synthetic --persons N --seed S --out DIR`."""

import sys

from customer_identity.synthetic.generator import main

sys.exit(main())
