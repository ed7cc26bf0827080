-- Amounts over 10,000 yuan: the document, the section they sit in, and the characters of the
-- original input they were read from (raw offsets are 0-based, substr counts from 1).
SELECT d.title AS document,
       s.path AS section,
       s.title AS section_title,
       a.text,
       a.value,
       a.raw_start,
       a.raw_end,
       substr(d.original, a.raw_start + 1, a.raw_end - a.raw_start) AS original_text
FROM amounts a
JOIN documents d ON d.id = a.document_id
LEFT JOIN sections s ON s.document_id = a.document_id AND s.seq = a.section_seq
WHERE a.currency = 'CNY' AND a.value > 10000
ORDER BY a.value DESC, d.title, a.raw_start;
