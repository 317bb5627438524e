using Auth.Application.Behaviours;
using Auth.Application.IdentityProviders;
using Mediator;

namespace Auth.Api.Startup;

/// <summary>
/// Identity providers declared in configuration, <c>IdentityProviders:Definitions:{id}:{member}</c> with the seed
/// file's member names (in the environment <c>IdentityProviders__Definitions__contoso__ClientSecret</c>, so a secret
/// can come from a secret store). Applied at every start after the seed file, so configuration wins. Unknown members
/// are refused, as in the seed file.
/// </summary>
public static class ConfiguredIdentityProviders
{
    public const string Section = "IdentityProviders:Definitions";

    /// <summary>Whether configuration declares any provider.</summary>
    public static bool AnyDeclared(IConfiguration configuration) => configuration.GetSection(Section).GetChildren().Any();

    /// <returns>null when every definition was applied, else the one-line reason one was not.</returns>
    public static async Task<string?> ApplyAsync(IConfiguration configuration, ISender sender, CancellationToken cancellationToken)
    {
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var name = $"{Section}:{entry.Key}";
            try
            {
                var result = await sender.Send(new RegisterIdentityProvider(Read(entry), ReplaceExisting: true), cancellationToken);
                if (!result.Succeeded)
                {
                    return $"{name}: {result.Error.Description}";
                }
            }
            catch (InvalidOperationException ex)
            {
                // The binder's refusal of a misspelt member or a value of the wrong type.
                return $"{name}: {ex.Message}";
            }
            catch (RequestValidationException ex)
            {
                return $"{name}: {ex.Message}";
            }
        }

        return null;
    }

    private static IdentityProviderDefinition Read(IConfigurationSection entry)
    {
        // Bound by reflection: the definition's required members are beyond the configuration binding generator, and a
        // method group is not intercepted by it.
        Func<IConfiguration, Action<BinderOptions>, IdentityProviderDefinition?> bind = ConfigurationBinder.Get<IdentityProviderDefinition>;
        var definition = bind(entry, options => options.ErrorOnUnknownConfiguration = true)
            ?? throw new InvalidOperationException("An empty definition.");

        // The binder adds configured list items to a list's default instead of replacing it: scopes are read alone.
        return definition with
        {
            Id = entry.Key,
            Scopes = entry.GetSection(nameof(IdentityProviderDefinition.Scopes)).Get<string[]>() ?? IdentityProviderDefinition.DefaultScopes,
        };
    }
}
