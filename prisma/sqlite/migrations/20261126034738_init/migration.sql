-- CreateTable
CREATE TABLE "tenant_settings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NOT NULL DEFAULT 'Gatehouse',
    "picture_url" TEXT,
    "support_email" TEXT,
    "support_url" TEXT,
    "default_audience" TEXT,
    "default_directory" TEXT,
    "session_lifetime" REAL NOT NULL DEFAULT 168,
    "idle_session_lifetime" REAL NOT NULL DEFAULT 72,
    "default_redirection_uri" TEXT,
    "allowed_logout_urls" JSONB NOT NULL,
    "enabled_locales" JSONB NOT NULL,
    "error_page" JSONB,
    "flags" JSONB NOT NULL,
    "attack_protection" JSONB NOT NULL,
    "secret_check" TEXT,
    "issuer" TEXT,
    "extra" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "connections" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "strategy" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "realms" JSONB NOT NULL,
    "is_domain_connection" BOOLEAN NOT NULL DEFAULT false,
    "show_as_button" BOOLEAN,
    "metadata" JSONB NOT NULL,
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "connection_clients" (
    "connection_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("connection_id", "client_id"),
    CONSTRAINT "connection_clients_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "connection_clients_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients" ("client_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "users" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "connection_id" TEXT NOT NULL,
    "email" TEXT,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "username" TEXT,
    "phone_number" TEXT,
    "phone_verified" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT,
    "nickname" TEXT,
    "given_name" TEXT,
    "family_name" TEXT,
    "picture" TEXT,
    "locale" TEXT,
    "user_metadata" JSONB NOT NULL,
    "app_metadata" JSONB NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "logins_count" INTEGER NOT NULL DEFAULT 0,
    "last_login" DATETIME,
    "last_ip" TEXT,
    "last_password_reset" DATETIME,
    "multifactor" JSONB NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "users_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_identities" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_user_id" TEXT NOT NULL,
    "is_social" BOOLEAN NOT NULL DEFAULT false,
    "profile_data" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "user_identities_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_passwords" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "user_passwords_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "password_history" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "clients" (
    "client_id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "app_type" TEXT,
    "logo_uri" TEXT,
    "is_first_party" BOOLEAN NOT NULL DEFAULT true,
    "oidc_conformant" BOOLEAN NOT NULL DEFAULT true,
    "callbacks" JSONB NOT NULL,
    "allowed_logout_urls" JSONB NOT NULL,
    "web_origins" JSONB NOT NULL,
    "allowed_origins" JSONB NOT NULL,
    "allowed_clients" JSONB NOT NULL,
    "grant_types" JSONB NOT NULL,
    "token_endpoint_auth_method" TEXT NOT NULL DEFAULT 'client_secret_post',
    "client_secret_hash" TEXT,
    "client_secret_encrypted" TEXT,
    "jwt_configuration" JSONB NOT NULL,
    "refresh_token" JSONB NOT NULL,
    "client_metadata" JSONB NOT NULL,
    "initiate_login_uri" TEXT,
    "sso_disabled" BOOLEAN NOT NULL DEFAULT false,
    "cross_origin_authentication" BOOLEAN NOT NULL DEFAULT false,
    "is_token_endpoint_ip_header_trusted" BOOLEAN NOT NULL DEFAULT false,
    "organization_usage" TEXT,
    "organization_require_behavior" TEXT,
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "extra" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "resource_servers" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" JSONB NOT NULL,
    "signing_alg" TEXT NOT NULL DEFAULT 'RS256',
    "signing_secret_encrypted" TEXT,
    "allow_offline_access" BOOLEAN NOT NULL DEFAULT false,
    "skip_consent_for_verifiable_first_party_clients" BOOLEAN NOT NULL DEFAULT true,
    "token_lifetime" INTEGER NOT NULL DEFAULT 86400,
    "token_lifetime_for_web" INTEGER NOT NULL DEFAULT 7200,
    "enforce_policies" BOOLEAN NOT NULL DEFAULT false,
    "token_dialect" TEXT NOT NULL DEFAULT 'access_token',
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "extra" JSONB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "client_grants" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "client_id" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "allow_any_organization" BOOLEAN NOT NULL DEFAULT false,
    "organization_usage" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "client_grants_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients" ("client_id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "client_grants_audience_fkey" FOREIGN KEY ("audience") REFERENCES "resource_servers" ("identifier") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "roles" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "role_id" TEXT NOT NULL,
    "resource_server_identifier" TEXT NOT NULL,
    "permission_name" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("role_id", "resource_server_identifier", "permission_name"),
    CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "role_permissions_resource_server_identifier_fkey" FOREIGN KEY ("resource_server_identifier") REFERENCES "resource_servers" ("identifier") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_roles" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "user_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "user_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_permissions" (
    "user_id" TEXT NOT NULL,
    "resource_server_identifier" TEXT NOT NULL,
    "permission_name" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("user_id", "resource_server_identifier", "permission_name"),
    CONSTRAINT "user_permissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "user_permissions_resource_server_identifier_fkey" FOREIGN KEY ("resource_server_identifier") REFERENCES "resource_servers" ("identifier") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "signing_keys" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "alg" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_jwk_encrypted" TEXT NOT NULL,
    "cert" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_since" DATETIME,
    "current_until" DATETIME,
    "revoked_at" DATETIME
);

-- CreateTable
CREATE TABLE "tickets" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" TEXT,
    "client_id" TEXT,
    "data" JSONB NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "consumed_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "log_events" (
    "log_id" TEXT NOT NULL PRIMARY KEY,
    "date" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT,
    "client_id" TEXT,
    "client_name" TEXT,
    "connection" TEXT,
    "connection_id" TEXT,
    "ip" TEXT,
    "hostname" TEXT,
    "user_agent" TEXT,
    "user_id" TEXT,
    "user_name" TEXT,
    "audience" TEXT,
    "scope" TEXT,
    "strategy" TEXT,
    "strategy_type" TEXT,
    "is_mobile" BOOLEAN,
    "details" JSONB
);

-- CreateIndex
CREATE UNIQUE INDEX "connections_name_key" ON "connections"("name");

-- CreateIndex
CREATE INDEX "connections_strategy_idx" ON "connections"("strategy");

-- CreateIndex
CREATE INDEX "connection_clients_client_id_idx" ON "connection_clients"("client_id");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_created_at_idx" ON "users"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_connection_id_email_key" ON "users"("connection_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "users_connection_id_username_key" ON "users"("connection_id", "username");

-- CreateIndex
CREATE INDEX "user_identities_user_id_idx" ON "user_identities"("user_id");

-- CreateIndex
CREATE INDEX "user_identities_connection_id_idx" ON "user_identities"("connection_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_identities_provider_connection_id_provider_user_id_key" ON "user_identities"("provider", "connection_id", "provider_user_id");

-- CreateIndex
CREATE INDEX "password_history_user_id_created_at_idx" ON "password_history"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "clients_created_at_idx" ON "clients"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "resource_servers_identifier_key" ON "resource_servers"("identifier");

-- CreateIndex
CREATE INDEX "client_grants_audience_idx" ON "client_grants"("audience");

-- CreateIndex
CREATE UNIQUE INDEX "client_grants_client_id_audience_key" ON "client_grants"("client_id", "audience");

-- CreateIndex
CREATE UNIQUE INDEX "roles_name_key" ON "roles"("name");

-- CreateIndex
CREATE INDEX "role_permissions_resource_server_identifier_idx" ON "role_permissions"("resource_server_identifier");

-- CreateIndex
CREATE INDEX "user_roles_role_id_idx" ON "user_roles"("role_id");

-- CreateIndex
CREATE INDEX "user_permissions_resource_server_identifier_idx" ON "user_permissions"("resource_server_identifier");

-- CreateIndex
CREATE INDEX "signing_keys_status_idx" ON "signing_keys"("status");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_token_hash_key" ON "tickets"("token_hash");

-- CreateIndex
CREATE INDEX "tickets_kind_user_id_idx" ON "tickets"("kind", "user_id");

-- CreateIndex
CREATE INDEX "tickets_expires_at_idx" ON "tickets"("expires_at");

-- CreateIndex
CREATE INDEX "log_events_date_idx" ON "log_events"("date");

-- CreateIndex
CREATE INDEX "log_events_user_id_date_idx" ON "log_events"("user_id", "date");

-- CreateIndex
CREATE INDEX "log_events_type_date_idx" ON "log_events"("type", "date");

-- CreateIndex
CREATE INDEX "log_events_client_id_date_idx" ON "log_events"("client_id", "date");

