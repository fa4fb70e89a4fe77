-- Who reports, claims, condemns or denies an event (source), and how the text holds it (modality:
-- reported, planned, threatened, denied), as columns beside the event so that they can be filtered and
-- exported. Events stored before take them from their detail, where extraction already kept them.
-- NULL modality means reported: the store writes it explicitly, older rows may lack it.
ALTER TABLE events ADD COLUMN source TEXT;
ALTER TABLE events ADD COLUMN modality TEXT;

UPDATE events SET
  source = nullif(json_extract(detail, '$.source'), ''),
  modality = nullif(json_extract(detail, '$.modality'), '');

CREATE INDEX events_modality ON events(modality);
