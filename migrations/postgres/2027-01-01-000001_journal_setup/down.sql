DROP TABLE journal_section_editors;
DROP TABLE journal_sections;
DROP TABLE journal_settings;
