using System.Text.Json.Serialization;

namespace Auth.Api.Errors;

/// <summary>The one error shape of the API outside SCIM (RFC 6749 §5.2; docs/api.md, "Conventions").</summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldError>? Errors = null)
{
    /// <summary>
    /// RFC 6749 §5.2 limits error_description to printable ASCII without '"' and '\'; CR, LF and TAB would
    /// also let a value split a log line or a header, so anything outside the allowed set becomes a space.
    /// </summary>
    public static string Sanitize(string description)
    {
        var characters = description.ToCharArray();
        for (var i = 0; i < characters.Length; i++)
        {
            var c = characters[i];
            if (c is < '\x20' or > '\x7E' or '"' or '\\')
            {
                characters[i] = c is '"' ? '\'' : ' ';
            }
        }

        return new string(characters).Trim();
    }

    public static ErrorBody Create(string error, string description, IReadOnlyList<FieldError>? errors = null) =>
        new(error, Sanitize(description), errors);
}
