"""National: the published national tables (DfE LAIT, Explore Education Statistics) and the
benchmarks computed from them. Imports pandas; nothing outside this folder imports it."""
