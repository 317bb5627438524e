namespace Auth.Testing;

/// <summary>A user <see cref="AuthTestServer.CreateUserAsync"/> created.</summary>
/// <param name="Id">The user's id, the <c>sub</c> of their tokens.</param>
/// <param name="UserName">The user name to sign in and mint tokens with.</param>
/// <param name="Password">The password the user was created with.</param>
public sealed record AuthTestUser(string Id, string UserName, string Password);
