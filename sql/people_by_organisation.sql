-- People with their posts, per organisation: the unit written with the post (人事科科长), else
-- the organisation the document ties the person to, else the document's issuer.
SELECT COALESCE(po.unit, o.name, p.organisation, d.issuer, '(unknown)') AS organisation,
       p.name AS person,
       po.title AS post,
       po.responsibility,
       d.title AS document
FROM people p
JOIN documents d ON d.id = p.document_id
LEFT JOIN organisations o ON o.document_id = p.document_id AND o.seq = p.organisation_seq
LEFT JOIN posts po ON po.document_id = p.document_id AND po.person_seq = p.seq
ORDER BY organisation, person, po.seq;
