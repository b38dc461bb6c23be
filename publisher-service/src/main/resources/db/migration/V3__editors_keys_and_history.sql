-- Named API keys: the secret is kept only as its SHA-256 digest (hex). Keys are random
-- 256-bit values, so a fast digest is enough: nothing can be guessed from it.
CREATE TABLE api_key (
    name       VARCHAR(64)              NOT NULL PRIMARY KEY,
    role       VARCHAR(16)              NOT NULL,
    key_digest CHAR(64)                 NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200)             NOT NULL
);

-- Who made each version of an article, and when. It stays here: the actor never goes
-- onto the partners' topic.
CREATE TABLE article_revision (
    article_id      UUID                     NOT NULL,
    version         BIGINT                   NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    previous_status VARCHAR(16),
    actor           VARCHAR(200)             NOT NULL,
    actor_role      VARCHAR(16),
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (article_id, version)
);
