namespace Auth.Infrastructure.AccessChanges;

public enum AccessChangeKind
{
    /// <summary>One access token, by its <c>jti</c>, revoked at /oauth/revoke.</summary>
    TokenDenied = 1,

    /// <summary>A user's tokens: deactivated, deleted, a new password, a second factor reset.</summary>
    SubjectCutOff = 2,

    /// <summary>A client's tokens: the client removed or its secret changed.</summary>
    ClientCutOff = 3,

    /// <summary>One grant's tokens: a consent withdrawn, a refresh token revoked or reused.</summary>
    AuthorizationCutOff = 4,

    /// <summary>A scope created, changed or removed (the key is its name): every node reads its scopes again.</summary>
    ScopeChanged = 5,

    /// <summary>A client created or changed (the key is its client id): every node forgets what it holds of it.</summary>
    ClientChanged = 6,
}
