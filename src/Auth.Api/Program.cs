using Auth.Api.Hosting;

return await ServiceHost.RunAsync(args);

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
