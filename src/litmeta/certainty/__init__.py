"""Certainty of evidence (PROTOCOL.md Amendment 1): risk of bias, small-study tests, GRADE.

=================  ===========================================================================
module             what
=================  ===========================================================================
``minors``         MINORS judgements per cohort from config/risk_of_bias/, each with its quote
``small_study``    Egger's and Peters' regression tests (metafor ``regtest(model="lm")``)
``grade``          GRADE thresholds and one rule function per domain; the rating of a pool
``tables``         the result tables: small_study_tests.csv, certainty.csv (the rules call
                   litmeta.jobs.certainty)
=================  ===========================================================================
"""
