"""One module per ``kg`` subcommand; see :mod:`kg.cli`."""
