-- People with their posts, per organisation: the one the document ties them to, else the
-- document's issuer.
SELECT COALESCE(o.name, p.organisation, d.issuer, '(unknown)') AS organisation,
       p.name AS person,
       r.role,
       d.title AS document
FROM people p
JOIN documents d ON d.id = p.document_id
LEFT JOIN organisations o ON o.document_id = p.document_id AND o.seq = p.organisation_seq
LEFT JOIN roles r ON r.document_id = p.document_id AND r.person_seq = p.seq
ORDER BY organisation, person, r.seq;
