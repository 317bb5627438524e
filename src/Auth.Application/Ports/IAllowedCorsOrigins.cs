namespace Auth.Application.Ports;

/// <summary>The web origins browser apps may call the server from: those some client lists (<see cref="Clients.CorsOrigin"/>).</summary>
public interface IAllowedCorsOrigins
{
    /// <summary>Whether some client lists <paramref name="origin"/>, an <c>Origin</c> header's value as the browser sent it.</summary>
    ValueTask<bool> AllowsAsync(string origin, CancellationToken cancellationToken);
}
