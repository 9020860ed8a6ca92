-- Two children with the same names, sex and birth date but different valid СНИЛС, or different
-- birth certificates, are a probable duplicate that an operator reviews, never refused: a real
-- namesake, or one number mistyped. The exact key is therefore unique only together with the
-- documents, so that the index never refuses what the duplicate check lets through (it still
-- refuses a second record of the same names with the same documents, or with none).
-- Never edit this file once applied; add a new migration instead.

DROP INDEX children_exact_key;
CREATE UNIQUE INDEX children_exact_key_documents
    ON children (exact_key, coalesce(snils, ''), coalesce(certificate_key, ''))
    WHERE retired_at IS NULL;
