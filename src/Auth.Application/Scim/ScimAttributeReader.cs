using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Domain.Users;

namespace Auth.Application.Scim;

/// <summary>Reads typed attributes out of SCIM JSON, remembering the first attribute of the wrong type.</summary>
public sealed class ScimAttributeReader
{
    public Error? Error { get; private set; }

    public void Fail(string attribute) => Error ??= ScimErrors.InvalidValue($"The {attribute} attribute has a value of the wrong type.");

    public string? Text(JsonObject json, string attribute)
    {
        if (ScimJson.TryReadString(json.Get(attribute), out var value))
        {
            return value;
        }

        Fail(attribute);
        return null;
    }

    public bool? Boolean(JsonObject json, string attribute)
    {
        if (ScimJson.TryReadBoolean(json.Get(attribute), out var value))
        {
            return value;
        }

        Fail(attribute);
        return null;
    }

    public JsonObject? Complex(JsonObject json, string attribute)
    {
        var node = json.Get(attribute);
        if (node is null or JsonObject)
        {
            return (JsonObject?)node;
        }

        Fail(attribute);
        return null;
    }

    public record struct MultiValuedItem(string Value, string? Type, bool Primary, string? Display);

    public IReadOnlyList<T> MultiValued<T>(JsonObject json, string attribute, Func<MultiValuedItem, T> create)
    {
        OnePrimaryAtMost(json, attribute);
        var items = new List<T>();
        foreach (var element in Elements(json, attribute))
        {
            var value = Text(element, "value");
            if (string.IsNullOrWhiteSpace(value))
            {
                Error ??= ScimErrors.InvalidValue($"Each of {attribute} needs a value.");
                continue;
            }

            items.Add(create(new MultiValuedItem(value, Text(element, "type"), Boolean(element, "primary") ?? false, Text(element, "display"))));
        }

        return items;
    }

    public IReadOnlyList<UserAddress> Addresses(JsonObject json)
    {
        OnePrimaryAtMost(json, "addresses");
        return Elements(json, "addresses").Select(a => new UserAddress
        {
            Formatted = Text(a, "formatted"),
            StreetAddress = Text(a, "streetAddress"),
            Locality = Text(a, "locality"),
            Region = Text(a, "region"),
            PostalCode = Text(a, "postalCode"),
            Country = Text(a, "country"),
            Type = Text(a, "type"),
            Primary = Boolean(a, "primary") ?? false,
        }).ToList();
    }

    /// <summary>RFC 7643 §2.4: the primary value "true" appears no more than once in a multi-valued attribute.</summary>
    private void OnePrimaryAtMost(JsonObject json, string attribute)
    {
        if (json.Get(attribute) is JsonArray values && values.OfType<JsonObject>().Count(ScimPrimary.IsPrimary) > 1)
        {
            Error ??= ScimErrors.InvalidValue($"At most one of {attribute} is primary.");
        }
    }

    private IEnumerable<JsonObject> Elements(JsonObject json, string attribute)
    {
        switch (json.Get(attribute))
        {
            case null:
                yield break;
            case JsonArray array:
                foreach (var element in array)
                {
                    if (element is JsonObject item)
                    {
                        yield return item;
                    }
                    else
                    {
                        Fail(attribute);
                    }
                }

                break;
            default:
                Fail(attribute);
                break;
        }
    }
}
