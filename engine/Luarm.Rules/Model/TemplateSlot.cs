namespace Luarm.Rules.Model;

/// <summary>A placeholder of an output template, filled from a match when the alert is raised.</summary>
public abstract record TemplateSlot;
