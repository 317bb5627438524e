CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AccessChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AccessChanges" PRIMARY KEY AUTOINCREMENT,
    "Kind" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Expires" INTEGER NOT NULL,
    "TransactionId" INTEGER NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "OccurredAt" INTEGER NOT NULL,
    "EventType" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "SubjectId" TEXT NULL,
    "ClientId" TEXT NULL,
    "IpAddress" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "Detail" TEXT NULL,
    "Actor" TEXT NULL
);

CREATE TABLE "BackChannelLogoutNotices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BackChannelLogoutNotices" PRIMARY KEY,
    "ClientId" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "GiveUpAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "ClaimToken" TEXT NULL,
    "Failed" INTEGER NOT NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "ClientRoleMappings" (
    "ClientId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "GroupKey" TEXT NOT NULL,
    CONSTRAINT "PK_ClientRoleMappings" PRIMARY KEY ("ClientId", "Role", "GroupKey")
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "Groups" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Groups" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "ProvisioningClient" TEXT NULL,
    "UniqueDisplayName" TEXT NULL,
    "ExternalId" TEXT NULL,
    "ExternalIdIssuer" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "IdentityProviders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IdentityProviders" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Issuer" TEXT NULL,
    "Tenant" TEXT NULL,
    "AllowedTenants" TEXT NULL,
    "ClientId" TEXT NOT NULL,
    "ProtectedClientSecret" TEXT NULL,
    "ClientAuthentication" TEXT NOT NULL,
    "ProtectedSigningKey" TEXT NULL,
    "SigningCertificate" BLOB NULL,
    "SigningKeyId" TEXT NULL,
    "Scopes" TEXT NOT NULL,
    "SubjectClaim" TEXT NOT NULL,
    "UserNameClaim" TEXT NOT NULL,
    "EmailClaim" TEXT NOT NULL,
    "GivenNameClaim" TEXT NOT NULL,
    "FamilyNameClaim" TEXT NOT NULL,
    "DisplayNameClaim" TEXT NOT NULL,
    "ExternalIdClaim" TEXT NULL,
    "ProvisioningClient" TEXT NULL,
    "LinkByUserName" INTEGER NOT NULL,
    "LinkByVerifiedEmail" INTEGER NOT NULL,
    "AllowAdditionalLinks" INTEGER NOT NULL,
    "JustInTime" INTEGER NOT NULL,
    "TrustUpstreamMfa" INTEGER NOT NULL,
    "MfaAcrValues" TEXT NULL,
    "UpstreamLogout" INTEGER NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "OpenIddictApplications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictApplications" PRIMARY KEY,
    "ApplicationType" TEXT NULL,
    "ClientId" TEXT NULL,
    "ClientSecret" TEXT NULL,
    "ClientType" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "ConsentType" TEXT NULL,
    "DisplayName" TEXT NULL,
    "DisplayNames" TEXT NULL,
    "JsonWebKeySet" TEXT NULL,
    "Permissions" TEXT NULL,
    "PostLogoutRedirectUris" TEXT NULL,
    "Properties" TEXT NULL,
    "RedirectUris" TEXT NULL,
    "Requirements" TEXT NULL,
    "Settings" TEXT NULL
);

CREATE TABLE "OpenIddictScopes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictScopes" PRIMARY KEY,
    "ConcurrencyToken" TEXT NULL,
    "Description" TEXT NULL,
    "Descriptions" TEXT NULL,
    "DisplayName" TEXT NULL,
    "DisplayNames" TEXT NULL,
    "Name" TEXT NULL,
    "Properties" TEXT NULL,
    "Resources" TEXT NULL
);

CREATE TABLE "RefusedSignInNames" (
    "NormalizedUserName" TEXT NOT NULL CONSTRAINT "PK_RefusedSignInNames" PRIMARY KEY,
    "Count" INTEGER NOT NULL,
    "LastAttemptAt" INTEGER NOT NULL
);

CREATE TABLE "SigningKeys" (
    "KeyId" TEXT NOT NULL CONSTRAINT "PK_SigningKeys" PRIMARY KEY,
    "Algorithm" TEXT NOT NULL,
    "ProtectedPrivateKey" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SignsFrom" INTEGER NOT NULL,
    "RetiresAt" INTEGER NULL
);

CREATE TABLE "Users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "UserName" TEXT NOT NULL,
    "NormalizedUserName" TEXT NOT NULL,
    "PasswordHash" TEXT NULL,
    "DisplayName" TEXT NULL,
    "GivenName" TEXT NULL,
    "FamilyName" TEXT NULL,
    "FormattedName" TEXT NULL,
    "MiddleName" TEXT NULL,
    "HonorificPrefix" TEXT NULL,
    "HonorificSuffix" TEXT NULL,
    "NickName" TEXT NULL,
    "ProfileUrl" TEXT NULL,
    "Title" TEXT NULL,
    "UserType" TEXT NULL,
    "PreferredLanguage" TEXT NULL,
    "Locale" TEXT NULL,
    "Timezone" TEXT NULL,
    "ExternalId" TEXT NULL,
    "ExternalIdIssuer" TEXT NULL,
    "EmployeeNumber" TEXT NULL,
    "CostCenter" TEXT NULL,
    "Organization" TEXT NULL,
    "Division" TEXT NULL,
    "Department" TEXT NULL,
    "ManagerId" TEXT NULL,
    "ManagerDisplayName" TEXT NULL,
    "EmailVerified" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "FailedSignInCount" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LastSignInAt" INTEGER NULL,
    "IsAdministrator" INTEGER NOT NULL,
    "CreatedByIdentityProvider" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "IdentityProviderDomains" (
    "Domain" TEXT NOT NULL CONSTRAINT "PK_IdentityProviderDomains" PRIMARY KEY,
    "ProviderId" TEXT NOT NULL,
    CONSTRAINT "FK_IdentityProviderDomains_IdentityProviders_ProviderId" FOREIGN KEY ("ProviderId") REFERENCES "IdentityProviders" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OpenIddictAuthorizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictAuthorizations" PRIMARY KEY,
    "ApplicationId" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "CreationDate" TEXT NULL,
    "Properties" TEXT NULL,
    "Scopes" TEXT NULL,
    "Status" TEXT NULL,
    "Subject" TEXT NULL,
    "Type" TEXT NULL,
    CONSTRAINT "FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "OpenIddictApplications" ("Id")
);

CREATE TABLE "ExternalLogins" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ExternalLogins" PRIMARY KEY,
    "ProviderId" TEXT NOT NULL,
    "UpstreamSubject" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "LinkedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastSignInAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ExternalLogins_IdentityProviders_ProviderId" FOREIGN KEY ("ProviderId") REFERENCES "IdentityProviders" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ExternalLogins_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "GroupMembers" (
    "GroupId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_GroupMembers" PRIMARY KEY ("GroupId", "UserId"),
    CONSTRAINT "FK_GroupMembers_Groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "Groups" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_GroupMembers_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PasswordSetupLinks" (
    "TokenHash" TEXT NOT NULL CONSTRAINT "PK_PasswordSetupLinks" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    CONSTRAINT "FK_PasswordSetupLinks_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RecoveryCodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RecoveryCodes" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "UsedAt" INTEGER NULL,
    CONSTRAINT "FK_RecoveryCodes_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "AuthenticatedAt" INTEGER NOT NULL,
    "AuthenticationMethods" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "IdentityProviderId" TEXT NULL,
    "ProtectedUpstreamIdToken" TEXT NULL,
    CONSTRAINT "FK_Sessions_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TotpAuthenticators" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_TotpAuthenticators" PRIMARY KEY,
    "ProtectedSecret" TEXT NULL,
    "PendingProtectedSecret" TEXT NULL,
    "ConfirmedAt" INTEGER NULL,
    "LastUsedStep" INTEGER NOT NULL,
    "FailedAttempts" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    CONSTRAINT "FK_TotpAuthenticators_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserAddresses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UserAddresses" PRIMARY KEY AUTOINCREMENT,
    "Formatted" TEXT NULL,
    "StreetAddress" TEXT NULL,
    "Locality" TEXT NULL,
    "Region" TEXT NULL,
    "PostalCode" TEXT NULL,
    "Country" TEXT NULL,
    "Type" TEXT NULL,
    "Primary" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "FK_UserAddresses_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserEmails" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UserEmails" PRIMARY KEY AUTOINCREMENT,
    "Value" TEXT NOT NULL,
    "NormalizedValue" TEXT NOT NULL,
    "Type" TEXT NULL,
    "Primary" INTEGER NOT NULL,
    "Display" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "FK_UserEmails_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserPhoneNumbers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UserPhoneNumbers" PRIMARY KEY AUTOINCREMENT,
    "Value" TEXT NOT NULL,
    "Type" TEXT NULL,
    "Primary" INTEGER NOT NULL,
    "Display" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "FK_UserPhoneNumbers_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OpenIddictTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OpenIddictTokens" PRIMARY KEY,
    "ApplicationId" TEXT NULL,
    "AuthorizationId" TEXT NULL,
    "ConcurrencyToken" TEXT NULL,
    "CreationDate" TEXT NULL,
    "ExpirationDate" TEXT NULL,
    "Payload" TEXT NULL,
    "Properties" TEXT NULL,
    "RedemptionDate" TEXT NULL,
    "ReferenceId" TEXT NULL,
    "Status" TEXT NULL,
    "Subject" TEXT NULL,
    "Type" TEXT NULL,
    CONSTRAINT "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "OpenIddictApplications" ("Id"),
    CONSTRAINT "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId" FOREIGN KEY ("AuthorizationId") REFERENCES "OpenIddictAuthorizations" ("Id")
);

CREATE TABLE "SessionClients" (
    "SessionId" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "FirstCodeAt" INTEGER NOT NULL,
    CONSTRAINT "PK_SessionClients" PRIMARY KEY ("SessionId", "ClientId"),
    CONSTRAINT "FK_SessionClients_Sessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "Sessions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AccessChanges_Expires" ON "AccessChanges" ("Expires");

CREATE INDEX "IX_AccessChanges_TransactionId" ON "AccessChanges" ("TransactionId");

CREATE INDEX "IX_AuditEntries_EventType_Id" ON "AuditEntries" ("EventType", "Id");

CREATE INDEX "IX_AuditEntries_OccurredAt" ON "AuditEntries" ("OccurredAt");

CREATE INDEX "IX_AuditEntries_SubjectId_Id" ON "AuditEntries" ("SubjectId", "Id");

CREATE INDEX "IX_BackChannelLogoutNotices_Failed_NextAttemptAt" ON "BackChannelLogoutNotices" ("Failed", "NextAttemptAt");

CREATE UNIQUE INDEX "IX_ExternalLogins_ProviderId_UpstreamSubject" ON "ExternalLogins" ("ProviderId", "UpstreamSubject");

CREATE UNIQUE INDEX "IX_ExternalLogins_ProviderId_UserId" ON "ExternalLogins" ("ProviderId", "UserId");

CREATE INDEX "IX_ExternalLogins_UserId" ON "ExternalLogins" ("UserId");

CREATE INDEX "IX_GroupMembers_UserId" ON "GroupMembers" ("UserId");

CREATE INDEX "IX_Groups_DisplayName" ON "Groups" ("DisplayName");

CREATE INDEX "IX_Groups_ExternalIdIssuer_ExternalId" ON "Groups" ("ExternalIdIssuer", "ExternalId");

CREATE UNIQUE INDEX "IX_Groups_ProvisioningClient_UniqueDisplayName" ON "Groups" ("ProvisioningClient", "UniqueDisplayName");

CREATE INDEX "IX_IdentityProviderDomains_ProviderId" ON "IdentityProviderDomains" ("ProviderId");

CREATE UNIQUE INDEX "IX_OpenIddictApplications_ClientId" ON "OpenIddictApplications" ("ClientId");

CREATE INDEX "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type" ON "OpenIddictAuthorizations" ("ApplicationId", "Status", "Subject", "Type");

CREATE UNIQUE INDEX "IX_OpenIddictScopes_Name" ON "OpenIddictScopes" ("Name");

CREATE INDEX "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type" ON "OpenIddictTokens" ("ApplicationId", "Status", "Subject", "Type");

CREATE INDEX "IX_OpenIddictTokens_AuthorizationId" ON "OpenIddictTokens" ("AuthorizationId");

CREATE UNIQUE INDEX "IX_OpenIddictTokens_ReferenceId" ON "OpenIddictTokens" ("ReferenceId");

CREATE INDEX "IX_PasswordSetupLinks_UserId" ON "PasswordSetupLinks" ("UserId");

CREATE INDEX "IX_RecoveryCodes_UserId_CodeHash" ON "RecoveryCodes" ("UserId", "CodeHash");

CREATE INDEX "IX_RefusedSignInNames_LastAttemptAt" ON "RefusedSignInNames" ("LastAttemptAt");

CREATE INDEX "IX_Sessions_ExpiresAt" ON "Sessions" ("ExpiresAt");

CREATE INDEX "IX_Sessions_IdentityProviderId" ON "Sessions" ("IdentityProviderId");

CREATE INDEX "IX_Sessions_LastSeenAt" ON "Sessions" ("LastSeenAt");

CREATE INDEX "IX_Sessions_UserId" ON "Sessions" ("UserId");

CREATE INDEX "IX_UserAddresses_UserId" ON "UserAddresses" ("UserId");

CREATE INDEX "IX_UserEmails_NormalizedValue" ON "UserEmails" ("NormalizedValue");

CREATE INDEX "IX_UserEmails_UserId" ON "UserEmails" ("UserId");

CREATE INDEX "IX_UserPhoneNumbers_UserId" ON "UserPhoneNumbers" ("UserId");

CREATE INDEX "IX_Users_ExternalIdIssuer_ExternalId" ON "Users" ("ExternalIdIssuer", "ExternalId");

CREATE UNIQUE INDEX "IX_Users_NormalizedUserName" ON "Users" ("NormalizedUserName");

CREATE INDEX "IX_Users_UpdatedAt" ON "Users" ("UpdatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204055213_Initial', '10.0.15');

COMMIT;

