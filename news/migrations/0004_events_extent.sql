-- The events layer's extent in gpkg_contents was grown with the bounds of every mention of a stored
-- article, not only of the places its events sit at, so QGIS's "zoom to layer" showed half of Eurasia.
-- New documents now extend it with their events' points alone; this sets it once from the table itself
-- (or clears it when there are no located events).
UPDATE gpkg_contents SET
  min_x = (SELECT min(ST_MinX(geom)) FROM events WHERE geom IS NOT NULL),
  min_y = (SELECT min(ST_MinY(geom)) FROM events WHERE geom IS NOT NULL),
  max_x = (SELECT max(ST_MaxX(geom)) FROM events WHERE geom IS NOT NULL),
  max_y = (SELECT max(ST_MaxY(geom)) FROM events WHERE geom IS NOT NULL)
WHERE table_name = 'events';
