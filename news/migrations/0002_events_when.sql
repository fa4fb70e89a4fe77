-- Where and when together: a three-dimensional R-tree over each dated event's point and the days it
-- may have happened on, so that a query by bbox and datetime finds and counts its matches in the index
-- alone. The GeoPackage R-tree (rtree_events_geom) and the date index each narrow only one way, and
-- joining them costs a row lookup per candidate: about 80 ms for the 36,000 events of a 2-degree box
-- among a million, against 2.5 ms here.
--
-- Days are counted from 2000-01-01 (julianday - 2451544.5): whole numbers, which the R-tree's 32-bit
-- floats hold exactly, so the time test needs no second look. A dated event without a point is indexed
-- at x = y = 1000, outside every valid bbox, so that a datetime query without a bbox still finds it.
-- The rtree_ prefix keeps GDAL from listing the index and its shadow tables as layers.
CREATE VIRTUAL TABLE rtree_events_when USING rtree(id, minx, maxx, miny, maxy, mind, maxd);

INSERT INTO rtree_events_when
  SELECT fid,
    coalesce(ST_MinX(geom), 1000),
    coalesce(ST_MaxX(geom), 1000),
    coalesce(ST_MinY(geom), 1000),
    coalesce(ST_MaxY(geom), 1000),
    julianday(event_date) - 2451544.5, julianday(coalesce(date_end, event_date)) - 2451544.5
  FROM events WHERE event_date IS NOT NULL;

CREATE TRIGGER events_when_insert AFTER INSERT ON events
  WHEN NEW.event_date IS NOT NULL
BEGIN
  INSERT INTO rtree_events_when VALUES (NEW.fid,
    coalesce(ST_MinX(NEW.geom), 1000),
    coalesce(ST_MaxX(NEW.geom), 1000),
    coalesce(ST_MinY(NEW.geom), 1000),
    coalesce(ST_MaxY(NEW.geom), 1000),
    julianday(NEW.event_date) - 2451544.5, julianday(coalesce(NEW.date_end, NEW.event_date)) - 2451544.5);
END;

-- Re-clustering updates cluster_id only, which leaves the index alone.
CREATE TRIGGER events_when_update AFTER UPDATE OF fid, geom, event_date, date_end ON events
BEGIN
  DELETE FROM rtree_events_when WHERE id = OLD.fid;
  INSERT INTO rtree_events_when SELECT NEW.fid,
    coalesce(ST_MinX(NEW.geom), 1000),
    coalesce(ST_MaxX(NEW.geom), 1000),
    coalesce(ST_MinY(NEW.geom), 1000),
    coalesce(ST_MaxY(NEW.geom), 1000),
    julianday(NEW.event_date) - 2451544.5, julianday(coalesce(NEW.date_end, NEW.event_date)) - 2451544.5
  WHERE NEW.event_date IS NOT NULL;
END;

CREATE TRIGGER events_when_delete AFTER DELETE ON events
BEGIN
  DELETE FROM rtree_events_when WHERE id = OLD.fid;
END;
