// Log Analytics and a workspace-based Application Insights that accepts only Microsoft Entra
// (managed identity) authenticated telemetry.

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for both resources.')
param tags object

@description('How many days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Only telemetry sent with a Microsoft Entra token is accepted (the app's identity,
    // see APPLICATIONINSIGHTS_AUTHENTICATION_STRING); the instrumentation key alone is not enough.
    DisableLocalAuth: true
  }
}

output logAnalyticsName string = logAnalytics.name
output appInsightsName string = appInsights.name
