$ErrorActionPreference = "Stop"
Import-Module WebAdministration
New-Website -Name $env:SITE_NAME -Port 8080 -PhysicalPath C:\inetpub\storefront
