"""`litmeta workbench PAPER_ID`: a local page to check and complete a paper's extraction spec
(issue 27). A view over the pipeline's modules: :mod:`.model` (what the page shows),
:mod:`.specedit` (comment-keeping edits of the YAML), :mod:`.view` (templates) and
:mod:`.server` (127.0.0.1 only, a token for every request and write)."""
