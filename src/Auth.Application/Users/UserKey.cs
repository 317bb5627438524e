using Auth.Application.Results;

namespace Auth.Application.Users;

/// <summary>
/// How a command names the user it acts on: by user name (the command line, the seed file) or by id (the admin API's
/// paths). A plain string is a user name, as every caller outside the admin API has always passed one.
/// </summary>
public sealed record UserKey
{
    private UserKey(string value, bool isId)
    {
        Value = value;
        IsId = isId;
    }

    public string Value { get; }

    public bool IsId { get; }

    public static UserKey Named(string userName) => new(userName, isId: false);

    public static UserKey WithId(string id) => new(id, isId: true);

    public static implicit operator UserKey(string userName) => Named(userName);

    public Error NotFound() => Error.NotFound(IsId ? $"No user has the id '{Value}'." : $"No user is named '{Value}'.");

    public override string ToString() => IsId ? "id " + Value : Value;
}
