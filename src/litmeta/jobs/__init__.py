"""One function per Snakemake rule: ``workflow/rules/<stage>.smk`` calls ``litmeta.jobs.<stage>``.

Each function takes the rule's ``input``, ``output`` and ``params`` by their names in the rule
(a rule's unnamed inputs are rerun triggers only: digest files, workflow/rules/common.smk), so
an in-process rule is one call, ``stage.rule(**input, **output, **params)`` under
:class:`litmeta.jobs.log.job_log`, and a shell rule's ``litmeta <command>`` (cli.py) parses its
options into the same call. Config values arrive as arguments (the rules' ``params``), never
read from a file here, and every path is an argument: no output folder is named in this package.

The modules import nothing heavy at import time: the Snakefile imports them.
"""
