-- Look-ups by question key across layers (a guild's FAQ vs the shipped one with the same
-- question) filter on question_norm alone; the unique index leads with the guild.
CREATE INDEX faqs_question_norm ON faqs (question_norm);
