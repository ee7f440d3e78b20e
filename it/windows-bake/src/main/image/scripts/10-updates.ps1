$ErrorActionPreference = "Stop"
Install-WindowsFeature -Name Web-Server -IncludeManagementTools
exit 3010
