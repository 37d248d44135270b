"""Text in, statements out - the statement engine as stages, each a module testable alone:
clean (page clutter) → segment (blocks and sentences; headings, posts, transcript turns) → quotes
→ actors (mentions: gazetteer, role phrases, pronouns, unknown names) → attribution → coreference
→ issues (tagging, and issues read in context); statements.Extractor runs them. Language is data
(config/lang/<code>.toml). Pure functions of text + config."""
