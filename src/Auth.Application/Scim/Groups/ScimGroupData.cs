using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Domain.Groups;

namespace Auth.Application.Scim.Groups;

/// <summary>
/// A Group resource as a client sent it (POST, PUT, or the result of a PATCH): read from its JSON, checked and typed,
/// and what it sets on a group.
/// </summary>
public sealed record ScimGroupData(string DisplayName, string? ExternalId, IReadOnlyList<string> MemberIds)
{
    public const int MaxLength = 256;

    public static Result<ScimGroupData> Read(JsonObject json)
    {
        var reader = new ScimAttributeReader();
        var displayName = reader.Text(json, "displayName");
        var externalId = reader.Text(json, "externalId");
        var members = new List<string>();
        switch (json.Get("members"))
        {
            case null:
                break;
            case JsonArray array:
                foreach (var member in array)
                {
                    if (member is JsonObject item && reader.Text(item, "value") is { Length: > 0 } value)
                    {
                        members.Add(value);
                    }
                    else
                    {
                        return ScimErrors.InvalidValue("Each member needs a value (the user's id).");
                    }
                }

                break;
            default:
                reader.Fail("members");
                break;
        }

        if (reader.Error is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            return ScimErrors.InvalidValue("displayName is required.");
        }

        // The columns' lengths (GroupConfiguration): a longer value is the client's error, not the database's.
        if (displayName.Length > MaxLength || externalId?.Length > MaxLength)
        {
            return ScimErrors.InvalidValue($"displayName and externalId have at most {MaxLength} characters.");
        }

        return new ScimGroupData(displayName, externalId, members.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Sets what the resource says on the group: its name, externalId and exactly these members.</summary>
    public void ApplyTo(Group group, string clientId, bool uniqueDisplayName, DateTimeOffset now)
    {
        group.ClaimFor(clientId);
        group.Rename(DisplayName, uniqueDisplayName);
        group.SetExternalId(ExternalId, clientId);
        foreach (var removed in group.Members.Select(m => m.UserId).Except(MemberIds).ToList())
        {
            group.RemoveMember(removed);
        }

        foreach (var added in MemberIds)
        {
            group.AddMember(added);
        }

        group.Touch(now);
    }
}
