using System.Text.Json.Nodes;

namespace Auth.Api.Scim;

/// <summary>
/// A resource as the SCIM endpoints answer with it: the version its ETag carries, its location, and how its document
/// is written (not at all for a 304).
/// </summary>
public sealed record ScimResource(long Version, string Location, Func<string, JsonObject> Write)
{
    public JsonObject Document() => Write(Location);
}
