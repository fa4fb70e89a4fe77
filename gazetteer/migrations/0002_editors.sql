-- The people who may change the gazetteer. Only a bcrypt hash of each password is kept: the
-- clear text exists in the environment or, when generated, once in the log.

CREATE TABLE editors (
  name          TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created       TEXT NOT NULL,
  updated       TEXT NOT NULL
);
