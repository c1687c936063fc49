// The Flex Consumption plan and the function app. The app runs as the user-assigned identity:
// host storage, the deployment package, the meetings table, Key Vault references and
// Application Insights all authenticate with it, and no connection string or key is stored.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Azure region (one that offers Flex Consumption).')
param location string

@description('Tags for the plan.')
param tags object

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the storage account (host storage, deployment container, meetings table).')
param storageAccountName string

@description('URL of the blob container Flex Consumption deploys the package from.')
param deploymentContainerUrl string

@description('Name of the meetings table.')
param tableName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Versionless Key Vault URI of the bot token secret.')
param botTokenSecretUri string

@description('Versionless Key Vault URI of the flow keys secret.')
param flowKeysSecretUri string

@description('Versionless Key Vault URI of the ops keys secret.')
param opsKeysSecretUri string

@description('Versionless Key Vault URI of the Webex Connect webhook secret.')
param hubSecretSecretUri string

@description('Versionless Key Vault URI of the Webex webhook secret.')
param webhookSecretSecretUri string

@description('Connect__EventsUrl: the flow\'s Inbound Webhook; empty sends no events.')
param connectEventsUrl string = ''

@description('Versionless Key Vault URI of the Connect service key.')
param connectServiceKeySecretUri string

@description('Whether a Connect service key was given (its secret exists); without one the key header is not sent.')
param hasConnectServiceKey bool = false

@description('Versionless Key Vault URI of the secret that signs the events to Connect.')
param connectEventsSecretSecretUri string

@description('Webex REST API the bot sends the expert\'s messages through; US government organisations use another.')
param webexApiBaseUrl string = 'https://webexapis.com'

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Instances kept warm for the HTTP functions (billed while idle); 0 scales to zero.')
@minValue(0)
param alwaysReadyInstances int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  // azd finds the app to deploy the 'api' service to by this tag (azure.yaml).
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the user-assigned identity, not a system-assigned one.
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // 'http' is the group of all HTTP-triggered functions.
        alwaysReady: alwaysReadyInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyInstances }] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME and the runtime version from
      // functionAppConfig; it refuses them as app settings.
      appSettings: [
        // Host storage, identity-based: no connection string, no account key.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }

        // Telemetry with the identity (local authentication is off on the component).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }

        // The meetings table, with the identity (MeetingsServiceCollectionExtensions).
        { name: 'Tables__ServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'Tables__ClientId', value: identity.properties.clientId }
        { name: 'Tables__TableName', value: tableName }

        // The Webex broker (InstantConnect__BaseUrl's default); the token is a Key Vault reference.
        { name: 'InstantConnect__BotToken', value: '@Microsoft.KeyVault(SecretUri=${botTokenSecretUri})' }

        // The expert's link as a Webex message from the same bot, retried for a quarter of an hour.
        { name: 'Webex__ApiBaseUrl', value: webexApiBaseUrl }
        { name: 'Notifications__RetryWindow', value: '00:15:00' }

        // API keys and the webhook secret, Key Vault references.
        { name: 'Auth__FlowKeys', value: '@Microsoft.KeyVault(SecretUri=${flowKeysSecretUri})' }
        { name: 'Auth__OpsKeys', value: '@Microsoft.KeyVault(SecretUri=${opsKeysSecretUri})' }
        { name: 'Receipts__HubSecret', value: '@Microsoft.KeyVault(SecretUri=${hubSecretSecretUri})' }

        // The expert's answers: Webex calls /api/webex/events (Webex__WebhookUrl defaults to this app's host name),
        // and the flow hears them at its Inbound Webhook, retried for a quarter of an hour.
        { name: 'Webex__WebhookSecret', value: '@Microsoft.KeyVault(SecretUri=${webhookSecretSecretUri})' }
        { name: 'Connect__EventsUrl', value: connectEventsUrl }
        { name: 'Connect__ServiceKey', value: hasConnectServiceKey ? '@Microsoft.KeyVault(SecretUri=${connectServiceKeySecretUri})' : '' }
        { name: 'Connect__EventsSecret', value: '@Microsoft.KeyVault(SecretUri=${connectEventsSecretSecretUri})' }
        { name: 'Connect__RetryWindow', value: '00:15:00' }

        // A chain of experts: each has two minutes to answer; work a crash kept from the queue is queued again after five.
        { name: 'Experts__AnswerWithin', value: 'PT2M' }
        { name: 'Notifications__SweepAfter', value: '00:05:00' }
      ]
    }
  }
}

// No basic (user name and password) publishing: azd deploys with a Microsoft Entra token.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output uri string = 'https://${functionApp.properties.defaultHostName}'
