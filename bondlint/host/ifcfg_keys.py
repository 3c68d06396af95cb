"""The ifcfg keys initscripts or NetworkManager read: the data BL013 (ifcfg-key-typo) judges by.

One key per line, its comment the sources that name it. ``NUMBERED`` holds KEY for KEY itself
and KEY followed by digits (IPADDR2, DNS3, GATEWAY1); ``PREFIXES`` any name starting with it.
Data, not a file read at run time: rules never open files.
A key missing here is reported only when it is within two edits of one listed here, so an
over-complete list costs a missed typo, never a false alarm.

Built from primary sources, not from memory (read 2026-12-01):
  doc      initscripts' sysconfig.txt (doc/sysconfig.txt), every KEY= it documents, in
           github.com/fedora-sysv/initscripts branches rhel5-branch d363f1faf2,
           rhel6-branch 70642aeef3, rhel7-branch 34310f3442, rhel8-branch cae5fc8850,
           rhel9-branch a357169320 and main 9d62283992 (`KEYn=` and `DNS{1,2}=` are numbered)
  scripts  every $NAME those branches' network scripts expand (ifup*, ifdown*,
           network-functions*, init.ipv6-global, rc.d/init.d/network): bash sources the
           ifcfg file into them, so any variable they expand is a key; numbered where the
           scripts build the name (`eval echo '$'IPADDR$idx`)
  nm       NetworkManager's own list, nms_ifcfg_well_known_keys[] in
           src/core/settings/plugins/ifcfg-rh/nms-ifcfg-rh-utils.c at
           github.com/NetworkManager/NetworkManager 355bc90299 (IS_NUMBERED -> <N>, IS_PREFIX -> *)
  nm-code the string keys passed to svGetValue*/svSetValue*/svUnset* and the "KEY%d" formats in
           the ifcfg-rh reader, writer, utils and shvar at NetworkManager tags 0.9.8.0,
           0.9.10.0, 1.0.0, 1.0.6, 1.4.0, 1.8.0, 1.10.0, 1.20.0, 1.30.0 and main (keys older
           releases read and the current list dropped)
  ovs      Open vSwitch's ifup-ovs (github.com/openvswitch/ovs
           rhel/etc_sysconfig_network-scripts_ifup-ovs, 059def1e2f): the variables it expands
  dhcp     PEERNTP and PEERNIS, read by the dhcp package's Red Hat dhclient-script (its
           changelog, 1:3.0pl2-6.3, 2003: "support PEERNTP and PEERNIS flags")
  firewalld ZONE, read by firewalld (src/firewall/core/io/ifcfg.py) as well
"""

PLAIN: frozenset[str] = frozenset({
    "AC",  # doc scripts
    "ACCEPT_ALL_MAC_ADDRESSES",  # nm nm-code
    "ACD_TIMEOUT",  # nm nm-code
    "ACT",  # scripts
    "ACTION",  # scripts
    "ACTIVE_CONSOLES",  # doc
    "ADDRESS0",  # doc
    "ADIR",  # doc
    "ADMIN",  # doc
    "AESP_PROTO",  # doc scripts
    "AESP_PROTO_IN",  # doc scripts
    "AESP_PROTO_OUT",  # doc scripts
    "AGEING",  # scripts
    "AH_PROTO",  # doc scripts
    "AH_PROTO_IN",  # doc scripts
    "AH_PROTO_OUT",  # doc scripts
    "ALLMULTI",  # doc
    "AMDOPTS",  # doc
    "AP_ISOLATION",  # nm nm-code
    "ARC",  # doc
    "AREACODE",  # doc scripts
    "ARP",  # doc scripts
    "ARPCHECK",  # scripts
    "ARPING",  # scripts
    "ARPINGMAC",  # scripts
    "ARPING_TRIES",  # scripts
    "ARPING_UPDATE_WAIT",  # doc scripts
    "ARPING_WAIT",  # doc scripts nm nm-code
    "ARPUPDATE",  # doc scripts
    "AUTH",  # doc scripts
    "AUTH_RETRIES",  # nm nm-code
    "AUTOCONNECT_PRIORITY",  # nm nm-code
    "AUTOCONNECT_RETRIES",  # nm nm-code
    "AUTOCONNECT_SLAVES",  # nm nm-code
    "AUTOFSCK_DEF_CHECK",  # doc
    "AUTOFSCK_SINGLEUSER",  # doc
    "AUTOSWAP",  # doc
    "BACKUPTAB",  # doc
    "BAND",  # nm nm-code
    "BASH_VERSINFO",  # scripts
    "BLOCKSIZE",  # doc
    "BONDING_MASTER",  # nm nm-code
    "BONDING_OPTS",  # doc scripts nm nm-code
    "BOND_IFACES",  # ovs
    "BOND_PORT_PRIO",  # nm nm-code
    "BOND_PORT_QUEUE_ID",  # nm nm-code
    "BOOT",  # doc
    "BOOTP",  # scripts
    "BOOTPROTO",  # doc scripts nm nm-code
    "BOOTTIMEOUT",  # doc
    "BOOTUP",  # doc
    "BRIDGE",  # doc scripts nm nm-code
    "BRIDGE_MACADDR",  # nm nm-code
    "BRIDGE_PORT_VLANS",  # nm
    "BRIDGE_UUID",  # nm nm-code
    "BRIDGE_VLANS",  # nm
    "BRIDGING_OPTS",  # doc scripts nm nm-code
    "BROADCAST",  # doc scripts
    "BROWSER_ONLY",  # nm nm-code
    "BSDCOMP",  # doc scripts
    "BSSID",  # nm nm-code
    "BUNDLING",  # doc scripts
    "CACHE",  # scripts
    "CACHENAME",  # scripts
    "CALLBACK",  # doc scripts
    "CARDMGR_OPTS",  # doc
    "CBCP",  # doc scripts
    "CBCP_MSN",  # scripts
    "CBDELAY",  # doc scripts
    "CBHUP",  # doc scripts
    "CCP",  # doc scripts
    "CGROUP_DAEMON",  # doc
    "CHANNEL",  # doc scripts nm nm-code
    "CHARGEHUP",  # doc scripts
    "CHARGEINT",  # doc scripts
    "CHATDBG",  # scripts
    "CHATSCRIPT",  # scripts
    "CHECK_HOSTNAME",  # scripts
    "CIPHER_GROUP",  # nm nm-code
    "CIPHER_PAIRWISE",  # nm nm-code
    "CLOCKMODE",  # doc
    "CLONENUM_START",  # scripts
    "CONFIG",  # scripts
    "CONNECTED_MODE",  # nm nm-code
    "CONNECTION_METERED",  # nm nm-code
    "CORE_OPTS",  # doc
    "COUNTER",  # doc
    "COUNTRYCODE",  # scripts
    "CTCPROT",  # nm nm-code
    "CWD",  # scripts
    "DAEMON",  # doc
    "DATE",  # doc
    "DAY",  # doc
    "DCB",  # nm nm-code
    "DCB_APP_FCOE_ADVERTISE",  # nm
    "DCB_APP_FCOE_ENABLE",  # nm
    "DCB_APP_FCOE_MODE",  # nm
    "DCB_APP_FCOE_PRIORITY",  # nm
    "DCB_APP_FCOE_WILLING",  # nm
    "DCB_APP_FIP_ADVERTISE",  # nm
    "DCB_APP_FIP_ENABLE",  # nm
    "DCB_APP_FIP_PRIORITY",  # nm
    "DCB_APP_FIP_WILLING",  # nm
    "DCB_APP_ISCSI_ADVERTISE",  # nm
    "DCB_APP_ISCSI_ENABLE",  # nm
    "DCB_APP_ISCSI_PRIORITY",  # nm
    "DCB_APP_ISCSI_WILLING",  # nm
    "DCB_PFC_ADVERTISE",  # nm
    "DCB_PFC_ENABLE",  # nm
    "DCB_PFC_UP",  # nm
    "DCB_PFC_WILLING",  # nm
    "DCB_PG_ADVERTISE",  # nm
    "DCB_PG_ENABLE",  # nm
    "DCB_PG_ID",  # nm
    "DCB_PG_PCT",  # nm
    "DCB_PG_STRICT",  # nm
    "DCB_PG_UP2TC",  # nm
    "DCB_PG_UPPCT",  # nm
    "DCB_PG_WILLING",  # nm
    "DEBUG",  # doc scripts
    "DEFABORT",  # doc
    "DEFAULTKEY",  # doc scripts nm nm-code
    "DEFRAG_IPV4",  # doc
    "DEFROUTE",  # doc scripts nm nm-code
    "DEFRT",  # scripts
    "DELAY",  # doc scripts nm nm-code
    "DELDEFAULTROUTE",  # doc
    "DEMAND",  # doc scripts
    "DEPRECATION_WARNING_ISSUED",  # scripts
    "DESKTOP",  # doc
    "DEV",  # doc scripts
    "DEVICE",  # doc scripts nm nm-code
    "DEVICETYPE",  # scripts nm nm-code
    "DEVICE_",  # scripts
    "DEVNAME",  # scripts
    "DEVNUM",  # scripts
    "DEVTIMEOUT",  # scripts nm nm-code
    "DHCLIENTARGS",  # doc scripts
    "DHCLIENTCONF",  # scripts
    "DHCLIENT_IGNORE_GATEWAY",  # doc
    "DHCPRELEASE",  # doc scripts
    "DHCPV6C",  # doc scripts nm nm-code
    "DHCPV6C_OPTIONS",  # doc scripts
    "DHCPV6_DUID",  # nm nm-code
    "DHCPV6_HOSTNAME",  # nm nm-code
    "DHCPV6_HOSTNAME_FLAGS",  # nm nm-code
    "DHCPV6_IAID",  # nm nm-code
    "DHCPV6_PD_HINT",  # nm nm-code
    "DHCPV6_SEND_HOSTNAME",  # nm nm-code
    "DHCP_CLIENT_ID",  # nm nm-code
    "DHCP_FQDN",  # doc scripts nm nm-code
    "DHCP_HOSTNAME",  # doc scripts nm nm-code
    "DHCP_HOSTNAME_FLAGS",  # nm nm-code
    "DHCP_IAID",  # nm nm-code
    "DHCP_REJECT_SERVERS",  # nm nm-code
    "DHCP_SEND_HOSTNAME",  # doc scripts nm nm-code
    "DHCP_VENDOR_CLASS_IDENTIFIER",  # nm nm-code
    "DIALIN",  # scripts
    "DIALMAX",  # doc scripts
    "DIALMODE",  # doc scripts
    "DIPSCRIPT",  # scripts
    "DISCONNECTTIMEOUT",  # doc scripts
    "DISPLAYMANAGER",  # doc
    "DNS",  # nm-code
    "DNS1",  # doc scripts
    "DNS2",  # doc scripts
    "DNS3",  # scripts
    "DNS_OVER_TLS",  # nm nm-code
    "DOMAIN",  # doc scripts nm nm-code
    "DOTCOUNT",  # doc
    "DST",  # doc scripts
    "DSTNET",  # doc scripts
    "DYNCONFIG",  # scripts
    "ENCAP",  # doc scripts
    "ESCAPECHARS",  # doc scripts
    "ESP_PROTO",  # doc scripts
    "ESP_PROTO_IN",  # doc scripts
    "ESP_PROTO_OUT",  # doc scripts
    "ESSID",  # doc scripts nm nm-code
    "ETHTOOL_DELAY",  # scripts
    "ETHTOOL_DELAY_SEC",  # scripts
    "ETHTOOL_OPTS",  # doc scripts nm nm-code
    "ETHTOOL_WAKE_ON_LAN",  # nm nm-code
    "EUID",  # scripts
    "EXCLUDE_SRCNET",  # scripts
    "EXPORT_GATEWAY",  # doc
    "EXTRA_ROUTE_OPTS",  # doc scripts
    "FILE",  # scripts
    "FILELIST",  # scripts
    "FILES",  # scripts
    "FILS",  # nm nm-code
    "FILTER",  # nm-code
    "FLAG_GVRP",  # scripts
    "FLAG_REORDER_HDR",  # scripts
    "FORWARD_IPV4",  # doc
    "FOUNDMACADDR",  # scripts
    "FRAG",  # doc scripts
    "FREQ",  # doc scripts
    "GATEWAY",  # doc scripts nm-code
    "GATEWAY0",  # doc nm-code
    "GATEWAYDEV",  # doc scripts nm nm-code
    "GATEWAY_PING_TIMEOUT",  # nm nm-code
    "GCINT",  # scripts
    "GENERATE_MAC_ADDRESS_MASK",  # nm nm-code
    "GSSAPI",  # doc
    "GSSPI",  # doc
    "GVRP",  # doc scripts nm nm-code
    "HARDFLOWCTL",  # doc scripts
    "HOSTNAME",  # doc scripts
    "HOSTNAME_FROM_DHCP",  # nm nm-code
    "HOSTNAME_FROM_DNS_LOOKUP",  # nm nm-code
    "HOSTNAME_ONLY_FROM_DEFAULT",  # nm nm-code
    "HOSTNAME_PRIORITY",  # nm nm-code
    "HOTPLUG",  # doc scripts
    "HUPTIMEOUT",  # doc scripts
    "HWADDR",  # doc scripts nm nm-code
    "HWADDR_BLACKLIST",  # nm nm-code
    "IDLETIMEOUT",  # doc scripts
    "IEEE_8021X_ALTSUBJECT_MATCHES",  # nm nm-code
    "IEEE_8021X_ANON_IDENTITY",  # nm nm-code
    "IEEE_8021X_AUTH_TIMEOUT",  # nm nm-code
    "IEEE_8021X_CA_CERT",  # nm nm-code
    "IEEE_8021X_CA_CERT_PASSWORD",  # nm
    "IEEE_8021X_CA_CERT_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_CA_PATH",  # nm nm-code
    "IEEE_8021X_CLIENT_CERT",  # nm
    "IEEE_8021X_CLIENT_CERT_PASSWORD",  # nm
    "IEEE_8021X_CLIENT_CERT_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_DOMAIN_MATCH",  # nm nm-code
    "IEEE_8021X_DOMAIN_SUFFIX_MATCH",  # nm nm-code
    "IEEE_8021X_EAP_METHODS",  # nm nm-code
    "IEEE_8021X_FAST_PROVISIONING",  # nm nm-code
    "IEEE_8021X_IDENTITY",  # nm nm-code
    "IEEE_8021X_INNER_AUTH_METHODS",  # nm nm-code
    "IEEE_8021X_INNER_CA_CERT",  # nm
    "IEEE_8021X_INNER_CA_CERT_PASSWORD",  # nm
    "IEEE_8021X_INNER_CA_CERT_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_INNER_CLIENT_CERT",  # nm nm-code
    "IEEE_8021X_INNER_CLIENT_CERT_PASSWORD",  # nm
    "IEEE_8021X_INNER_CLIENT_CERT_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_INNER_PRIVATE_KEY",  # nm
    "IEEE_8021X_INNER_PRIVATE_KEY_PASSWORD",  # nm
    "IEEE_8021X_INNER_PRIVATE_KEY_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_OPENSSL_CIPHERS",  # nm nm-code
    "IEEE_8021X_OPTIONAL",  # nm nm-code
    "IEEE_8021X_PAC_FILE",  # nm nm-code
    "IEEE_8021X_PASSWORD",  # nm nm-code
    "IEEE_8021X_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_PASSWORD_RAW",  # nm
    "IEEE_8021X_PASSWORD_RAW_FLAGS",  # nm
    "IEEE_8021X_PEAP_FORCE_NEW_LABEL",  # nm nm-code
    "IEEE_8021X_PEAP_VERSION",  # nm nm-code
    "IEEE_8021X_PHASE1_AUTH_FLAGS",  # nm nm-code
    "IEEE_8021X_PHASE2_ALTSUBJECT_MATCHES",  # nm nm-code
    "IEEE_8021X_PHASE2_CA_PATH",  # nm nm-code
    "IEEE_8021X_PHASE2_DOMAIN_MATCH",  # nm nm-code
    "IEEE_8021X_PHASE2_DOMAIN_SUFFIX_MATCH",  # nm nm-code
    "IEEE_8021X_PHASE2_SUBJECT_MATCH",  # nm nm-code
    "IEEE_8021X_PIN",  # nm
    "IEEE_8021X_PIN_FLAGS",  # nm
    "IEEE_8021X_PRIVATE_KEY",  # nm
    "IEEE_8021X_PRIVATE_KEY_PASSWORD",  # nm
    "IEEE_8021X_PRIVATE_KEY_PASSWORD_FLAGS",  # nm
    "IEEE_8021X_SUBJECT_MATCH",  # nm nm-code
    "IEEE_8021X_SYSTEM_CA_CERTS",  # nm nm-code
    "IFDOWN_ON_SHUTDOWN",  # doc scripts
    "IFS",  # scripts
    "IHUP",  # doc scripts
    "IKE_AUTH",  # doc scripts
    "IKE_CERTFILE",  # doc scripts
    "IKE_DHGROUP",  # doc scripts
    "IKE_DNSSEC",  # doc scripts
    "IKE_ENC",  # doc scripts
    "IKE_METHOD",  # doc scripts
    "IKE_PEER_CERTFILE",  # doc scripts
    "IKE_PSK",  # doc scripts
    "IN_HOTPLUG",  # scripts
    "IP",  # scripts
    "IPADDR",  # doc scripts nm-code
    "IPADDR0",  # scripts nm-code
    "IPADDR1",  # scripts nm-code
    "IPADDR2",  # scripts nm-code
    "IPADDR_END",  # scripts
    "IPADDR_START",  # scripts
    "IPGLOP",  # scripts
    "IPV",  # scripts
    "IPV4_AUTO_ROUTE_EXT_GW",  # nm nm-code
    "IPV4_DHCP_TIMEOUT",  # nm nm-code
    "IPV4_DNS_PRIORITY",  # nm nm-code
    "IPV4_FAILURE_FATAL",  # doc scripts nm nm-code
    "IPV4_LINK_LOCAL",  # nm nm-code
    "IPV4_REPLACE_LOCAL_RULE",  # nm nm-code
    "IPV4_REQUIRED_TIMEOUT",  # nm nm-code
    "IPV4_ROUTE_METRIC",  # nm nm-code
    "IPV4_ROUTE_TABLE",  # nm nm-code
    "IPV6ADDR",  # doc scripts nm nm-code
    "IPV6ADDR_SECONDARIES",  # doc scripts nm nm-code
    "IPV6FORWARDING",  # doc scripts nm nm-code
    "IPV6INIT",  # doc scripts nm nm-code
    "IPV6TO4INIT",  # doc scripts
    "IPV6TO4_IPV4ADDR",  # doc scripts
    "IPV6TO4_MTU",  # doc scripts
    "IPV6TO4_RADVD_PIDFILE",  # doc
    "IPV6TO4_RELAY",  # doc scripts
    "IPV6TO4_ROUTING",  # doc scripts
    "IPV6TUNNELIPV4",  # doc scripts nm nm-code
    "IPV6TUNNELIPV4LOCAL",  # doc scripts
    "IPV6_ADDR_GEN_MODE",  # nm nm-code
    "IPV6_AUTOCONF",  # doc scripts nm nm-code
    "IPV6_AUTOTUNNEL",  # doc scripts
    "IPV6_AUTO_ROUTE_EXT_GW",  # nm nm-code
    "IPV6_CONTROL_RADVD",  # doc scripts
    "IPV6_DEFAULTDEV",  # doc scripts nm nm-code
    "IPV6_DEFAULTGW",  # doc scripts nm nm-code
    "IPV6_DEFROUTE",  # nm nm-code
    "IPV6_DHCP_TIMEOUT",  # nm nm-code
    "IPV6_DISABLED",  # nm nm-code
    "IPV6_DNS_PRIORITY",  # nm nm-code
    "IPV6_DOMAIN",  # nm nm-code
    "IPV6_FAILURE_FATAL",  # nm nm-code
    "IPV6_FORCE_ACCEPT_RA",  # doc scripts
    "IPV6_MTU",  # doc scripts
    "IPV6_PEERDNS",  # nm nm-code
    "IPV6_PEERROUTES",  # nm nm-code
    "IPV6_PRIVACY",  # doc scripts nm nm-code
    "IPV6_PRIVACY_PREFER_PUBLIC_IP",  # nm nm-code
    "IPV6_RADVD_PIDFILE",  # doc scripts
    "IPV6_RADVD_TRIGGER_ACTION",  # doc scripts
    "IPV6_RA_TIMEOUT",  # nm nm-code
    "IPV6_REPLACE_LOCAL_RULE",  # nm nm-code
    "IPV6_REQUIRED_TIMEOUT",  # nm nm-code
    "IPV6_RES_OPTIONS",  # nm nm-code
    "IPV6_ROUTER",  # doc scripts
    "IPV6_ROUTE_METRIC",  # nm nm-code
    "IPV6_ROUTE_TABLE",  # nm nm-code
    "IPV6_SET_SYSCTLS",  # doc scripts
    "IPV6_TOKEN",  # nm nm-code
    "IPX",  # doc scripts
    "IPXACTIVE_",  # scripts
    "IPXAUTOFRAME",  # doc scripts
    "IPXAUTOPRIMARY",  # doc scripts
    "IPXINTERNALNETNUM",  # doc scripts
    "IPXINTERNALNODENUM",  # doc scripts
    "IPXNETNUM_",  # scripts
    "IPXPRIMARY_",  # scripts
    "ISALIAS",  # scripts
    "ISDN_HOSTNAME",  # scripts
    "IW",  # scripts
    "IWCONFIG",  # doc scripts
    "IWPRIV",  # doc scripts
    "KEY",  # doc scripts
    "KEY1",  # scripts
    "KEY2",  # scripts
    "KEY3",  # scripts
    "KEY4",  # scripts
    "KEYBOARDTYPE",  # doc
    "KEYING",  # scripts
    "KEYS",  # scripts
    "KEYTABLE",  # doc
    "KEY_AESP",  # doc scripts
    "KEY_AESP_IN",  # doc scripts
    "KEY_AESP_OUT",  # doc scripts
    "KEY_AH",  # doc scripts
    "KEY_AH_IN",  # doc scripts
    "KEY_AH_OUT",  # doc scripts
    "KEY_ESP",  # doc scripts
    "KEY_ESP_IN",  # doc scripts
    "KEY_ESP_OUT",  # doc scripts
    "KEY_MGMT",  # nm nm-code
    "KEY_TYPE",  # nm nm-code
    "L2_PROT",  # scripts
    "L3_PROT",  # scripts
    "LABEL",  # scripts
    "LANG",  # doc
    "LANGUAGE",  # doc
    "LAYER",  # doc
    "LC_ALL",  # doc
    "LC_COLLATE",  # doc
    "LC_CTYPE",  # doc
    "LC_MESSAGES",  # doc
    "LC_MONETARY",  # doc
    "LC_NUMERIC",  # doc
    "LC_TIME",  # doc
    "LEASEFILE",  # scripts
    "LINE",  # scripts
    "LINESPEED",  # doc scripts
    "LINGUAS",  # doc
    "LINKDELAY",  # doc scripts
    "LINKSTATUS",  # doc scripts
    "LIST",  # doc
    "LLDP",  # nm nm-code
    "LLMNR",  # nm nm-code
    "LOCAL_IP",  # doc
    "LOGLEVEL",  # doc
    "LOGROOT",  # doc
    "LZS",  # scripts
    "LZS_MODE",  # scripts
    "MACADDR",  # doc scripts nm nm-code ovs
    "MAC_ADDRESS_RANDOMIZATION",  # nm nm-code
    "MAGIC_SYSRQ",  # doc
    "MASTER",  # doc scripts nm nm-code
    "MASTER_UUID",  # nm nm-code
    "MATCH",  # scripts
    "MATCH_DRIVER",  # nm nm-code
    "MATCH_INTERFACE_NAME",  # nm nm-code
    "MATCH_KERNEL_COMMAND_LINE",  # nm nm-code
    "MATCH_PATH",  # nm nm-code
    "MAXFAIL",  # doc
    "MDNS",  # nm nm-code
    "MECH",  # doc
    "METRIC",  # doc scripts nm-code
    "MODE",  # doc scripts nm nm-code
    "MODEMPORT",  # doc scripts
    "MOUNTPTS",  # doc
    "MOUSETYPE",  # doc
    "MOVE_TO_COL",  # doc
    "MPTCP_FLAGS",  # nm nm-code
    "MRU",  # doc scripts
    "MSN",  # doc scripts
    "MS_DNS1",  # scripts
    "MS_DNS2",  # scripts
    "MTU",  # doc scripts nm nm-code
    "MUD_URL",  # nm nm-code
    "MULTI_CONNECT",  # nm nm-code
    "MVRP",  # nm nm-code
    "MYID_TYPE",  # doc
    "MYID_VALUE",  # doc
    "MY_INNER_IPADDR",  # doc scripts
    "MY_OUTER_IPADDR",  # doc scripts
    "NAME",  # doc scripts nm nm-code
    "NCPMTAB",  # scripts
    "NETMASK",  # doc scripts nm-code
    "NETMASK0",  # doc nm-code
    "NETMASK1",  # nm-code
    "NETMASK2",  # nm-code
    "NETMOUNTS",  # scripts
    "NETTYPE",  # nm nm-code
    "NETWORK",  # doc scripts
    "NETWORKDELAY",  # doc scripts
    "NETWORKING",  # doc scripts
    "NETWORKING_IPV6",  # doc scripts
    "NETWORKWAIT",  # doc
    "NEWCONFIG",  # scripts
    "NF",  # scripts
    "NFSMTAB",  # scripts
    "NICK",  # scripts
    "NICKNAME",  # scripts
    "NISDOMAIN",  # doc
    "NMGLOP",  # scripts
    "NM_CONTROLLED",  # doc scripts nm nm-code
    "NM_USER_",  # nm-code
    "NOROUTESET",  # scripts
    "NOZEROCONF",  # doc scripts
    "NO_ALIASROUTING",  # scripts
    "NO_DHCP_HOSTNAME",  # doc scripts
    "NUM",  # scripts
    "NWID",  # doc scripts
    "OLDIFS",  # scripts
    "ONBOOT",  # doc scripts nm nm-code
    "ONESHOT",  # scripts
    "ONPARENT",  # doc scripts
    "OPTIONS",  # nm-code
    "OTHERSCRIPT",  # scripts
    "OVSBOOTPROTO",  # ovs
    "OVSBRIDGECONFIGURED",  # ovs
    "OVSDHCPINTERFACES",  # ovs
    "OVSINTF",  # ovs
    "OVSREQUIRES",  # ovs
    "OVS_BRIDGE",  # ovs
    "OVS_EXTRA",  # ovs
    "OVS_OPTIONS",  # ovs
    "OVS_PATCH_PEER",  # ovs
    "OVS_PORT",  # nm nm-code
    "OVS_PORT_UUID",  # nm nm-code
    "OVS_TUNNEL_OPTIONS",  # ovs
    "OVS_TUNNEL_TYPE",  # ovs
    "OWNER",  # doc scripts
    "PAC_SCRIPT",  # nm nm-code
    "PAC_URL",  # nm nm-code
    "PANDARGS",  # scripts
    "PAPNAME",  # doc scripts
    "PARENTCONFIG",  # scripts
    "PARENTDEVICE",  # scripts
    "PARENTDEVNAME",  # scripts
    "PASSWORD",  # doc
    "PC",  # doc scripts
    "PCIC",  # doc
    "PCIC_OPTS",  # doc
    "PCMCIA",  # doc
    "PEER",  # scripts
    "PEERCONF",  # scripts
    "PEERDNS",  # doc scripts nm nm-code
    "PEERID",  # scripts
    "PEERNIS",  # dhcp
    "PEERNTP",  # dhcp
    "PEERROUTES",  # nm nm-code
    "PEER_INNER_IPADDR",  # doc scripts
    "PEER_OUTER_IPADDR",  # doc scripts
    "PERSIST",  # doc scripts
    "PERSISTENT_DHCLIENT",  # doc scripts
    "PERSISTENT_DHCLIENT_IPV6",  # doc scripts
    "PHONE_IN",  # doc scripts
    "PHONE_OUT",  # doc scripts
    "PHYDEVICE",  # scripts
    "PHYSDEV",  # scripts nm nm-code
    "PID",  # scripts
    "PKEY",  # nm nm-code
    "PKEY_ID",  # nm nm-code
    "PKEY_ID_NM",  # nm nm-code
    "PMF",  # nm nm-code
    "PORTNAME",  # nm nm-code
    "POSITION",  # scripts
    "POWERSAVE",  # nm nm-code
    "PPPOPTIONS",  # doc scripts
    "PREFIX",  # scripts nm-code
    "PREFIX0",  # nm-code
    "PREFIX1",  # nm-code
    "PREFIX2",  # nm-code
    "PRIM",  # scripts
    "PRIO",  # scripts
    "PROMISC",  # doc
    "PROMPT",  # doc
    "PROVIDER",  # doc
    "PROXY_METHOD",  # nm nm-code
    "PSK",  # doc
    "QDISC",  # nm-code
    "QUEUE",  # doc
    "RANDOM",  # scripts
    "RATE",  # doc scripts
    "REALDEVICE",  # scripts
    "REAL_DEVICETYPE",  # ovs
    "REGIONCODE",  # doc
    "REMIP",  # doc scripts
    "REMOTEBDADDR",  # scripts
    "REMOTE_IP",  # doc
    "REORDER_HDR",  # doc scripts nm nm-code
    "RESOLV_MODS",  # scripts
    "RES_COL",  # doc
    "RES_OPTIONS",  # doc nm nm-code
    "RETRYCONNECT",  # doc
    "RETRYTIMEOUT",  # doc scripts
    "ROLE",  # scripts
    "RSA_KEY",  # scripts
    "RTS",  # doc scripts
    "RUNLEVEL",  # scripts
    "SCOPE",  # doc scripts
    "SEARCH",  # nm nm-code
    "SECONDARY_UUIDS",  # nm nm-code
    "SECURE",  # doc scripts
    "SECURITYMODE",  # doc scripts nm nm-code
    "SENS",  # doc scripts
    "SETCOLOR_FAILURE",  # doc
    "SETCOLOR_NORMAL",  # doc
    "SETCOLOR_SUCCESS",  # doc
    "SETCOLOR_WARNING",  # doc
    "SHORTDATE",  # doc
    "SILENT",  # doc
    "SLAVE",  # doc scripts nm nm-code
    "SLAVE_CALLBACK",  # scripts
    "SLAVE_CBDELAY",  # scripts
    "SLAVE_CBHUP",  # scripts
    "SLAVE_CHARGEHUP",  # scripts
    "SLAVE_CHARGEINT",  # scripts
    "SLAVE_DELAY",  # scripts
    "SLAVE_DEVICE",  # doc scripts
    "SLAVE_DIALMAX",  # scripts
    "SLAVE_DIALMODE",  # scripts
    "SLAVE_HUPTIMEOUT",  # scripts
    "SLAVE_IHUP",  # scripts
    "SLAVE_MSN",  # scripts
    "SLAVE_PHONE_IN",  # scripts
    "SLAVE_PHONE_OUT",  # scripts
    "SLAVE_TRIGGER",  # scripts
    "SLEEP",  # doc
    "SMBMTAB",  # scripts
    "SOCKETDIR",  # doc
    "SPD_AH_IN",  # scripts
    "SPD_AH_OUT",  # scripts
    "SPD_DST",  # scripts
    "SPD_ESP_IN",  # scripts
    "SPD_ESP_OUT",  # scripts
    "SPD_SRC",  # scripts
    "SPI_AH_IN",  # scripts
    "SPI_AH_OUT",  # scripts
    "SPI_ESP_IN",  # scripts
    "SPI_ESP_OUT",  # scripts
    "SPYIPS",  # doc scripts
    "SRC",  # doc scripts
    "SRCADDR",  # doc scripts
    "SRCGW",  # scripts
    "SRCNET",  # doc scripts
    "SRIOV_AUTOPROBE_DRIVERS",  # nm nm-code
    "SRIOV_TOTAL_VFS",  # nm nm-code
    "SRM",  # doc
    "SSID_HIDDEN",  # nm nm-code
    "STABLE_ID",  # nm nm-code
    "STOP_A",  # doc
    "STP",  # doc scripts nm nm-code ovs
    "SUBCHANNELS",  # nm nm-code
    "SYSCTLDEVICE",  # scripts
    "SYSFONT",  # doc
    "SYSFONTACM",  # doc
    "TC_COMMIT",  # nm nm-code
    "TEAM_CONFIG",  # scripts nm nm-code
    "TEAM_MASTER",  # scripts nm nm-code
    "TEAM_MASTER_UUID",  # nm nm-code
    "TEAM_PORT_CONFIG",  # nm nm-code
    "TIMEOUT",  # scripts ovs
    "TMP",  # scripts
    "TTL",  # doc scripts
    "TUNMODE",  # scripts
    "TUNNEL_MODE",  # scripts
    "TYPE",  # doc scripts nm nm-code
    "UID",  # scripts
    "UNIMAP",  # doc
    "UPPEDSTACK",  # ovs
    "USEHESIOD",  # doc
    "USEKERBEROS",  # doc
    "USELDAP",  # doc
    "USELDAPAUTH",  # doc
    "USEMD5",  # doc
    "USENIS",  # doc
    "USER",  # doc scripts
    "USERCTL",  # doc
    "USERS",  # nm nm-code
    "USESHADOW",  # doc
    "USESMBAUTH",  # doc
    "USE_NM",  # scripts
    "UTC",  # doc
    "UUID",  # scripts nm nm-code
    "VDEV",  # scripts
    "VER",  # scripts
    "VID",  # scripts
    "VJ",  # doc scripts
    "VJCCOMP",  # doc scripts
    "VLAN",  # doc scripts nm nm-code
    "VLAN_EGRESS_PRIORITY_MAP",  # scripts nm nm-code
    "VLAN_FLAGS",  # nm nm-code
    "VLAN_ID",  # nm nm-code
    "VLAN_INGRESS_PRIORITY_MAP",  # nm nm-code
    "VLAN_NAME_TYPE",  # scripts
    "VLAN_PROTOCOL",  # nm nm-code
    "VRF",  # nm nm-code
    "VRF_UUID",  # nm nm-code
    "WAIT_ACTIVATION_DELAY",  # nm nm-code
    "WAIT_UNTIL_REACHABLE",  # doc scripts
    "WEP_KEY_FLAGS",  # nm
    "WINDOW",  # doc scripts
    "WIRELESS_ENC_KEY",  # scripts
    "WOWLAN",  # scripts
    "WPA_ALLOW_WPA",  # nm nm-code
    "WPA_ALLOW_WPA2",  # nm nm-code
    "WPA_PSK",  # nm nm-code
    "WPA_PSK_FLAGS",  # nm
    "WPS_METHOD",  # nm nm-code
    "WVDIALSECT",  # doc scripts
    "X509",  # doc
    "XEMU3",  # doc
    "ZONE",  # doc scripts nm nm-code firewalld
})

NUMBERED: frozenset[str] = frozenset({
    "ADDRESS",  # doc scripts nm nm-code
    "ARPCHECK",  # doc scripts
    "ARPUPDATE",  # scripts
    "BROADCAST",  # scripts
    "DNS",  # doc nm nm-code
    "FILTER",  # nm
    "GATEWAY",  # doc scripts nm nm-code
    "IPADDR",  # doc scripts nm nm-code
    "KEY",  # doc nm nm-code
    "KEY_PASSPHRASE",  # nm nm-code
    "METRIC",  # nm nm-code
    "NETMASK",  # doc scripts nm nm-code
    "OPTIONS",  # nm nm-code
    "PREFIX",  # doc scripts nm nm-code
    "QDISC",  # nm
    "ROUTING_RULE6_",  # nm
    "ROUTING_RULE_",  # nm
    "SRIOV_VF",  # nm nm-code
})

PREFIXES: tuple[str, ...] = (
    "IPXACTIVE_",  # scripts
    "IPXNETNUM_",  # scripts
    "IPXPRIMARY_",  # scripts
    "NM_USER_",  # nm
)
