using System.Globalization;
using System.Text.Json.Nodes;

namespace Auth.Application.Scim;

/// <summary>The meta attribute (RFC 7643 §3.1) and weak ETags built from a resource's version (RFC 7644 §3.14).</summary>
public static class ScimMeta
{
    public static string ETag(long version) => "W/\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static JsonObject Write(string resourceType, DateTimeOffset created, DateTimeOffset lastModified, long version, string location) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["lastModified"] = lastModified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["location"] = location,
        ["version"] = ETag(version),
    };
}
