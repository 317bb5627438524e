using Auth.Application.Scopes;

namespace Auth.Api.Pages.Admin;

/// <summary>What the console's scope forms show and change (creating one, editing one): bound from fields named as the properties.</summary>
public sealed class ScopeForm
{
    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    /// <summary>One per line: the audiences of the tokens that carry the scope.</summary>
    public string? Resources { get; set; }

    public static ScopeForm Of(ScopeDefinition scope) => new()
    {
        DisplayName = scope.DisplayName,
        Description = scope.Description,
        Resources = string.Join('\n', scope.Resources),
    };

    /// <summary>The scope <paramref name="name"/> with these settings; an emptied field clears its setting.</summary>
    public ScopeDefinition ToDefinition(string name) => new()
    {
        Name = name,
        DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim(),
        // A browser sends a textarea's line breaks as CRLF: the stored text keeps LF, so a form posted back unchanged changes nothing.
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        Resources = ConsolePage.Lines(Resources),
    };
}
