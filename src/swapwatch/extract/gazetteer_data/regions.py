"""States, provinces and regions where people are held: "serving a life sentence in California",
"a penal colony in Mordovia", "a camp in Xinjiang".

``REGION_TABLE`` is ``Country: Region; Region / Variant; ...``, read like the city table. Only
the holder reader consults it (a region is where someone is held, never a party that acts or a
city where an exchange took place). Names that are also countries or common names ("Georgia",
"Washington", "Victoria", "Punjab", "Kurdistan", "Kashmir") are left out.
"""

REGION_TABLE = """
United States: Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida; Hawaii; Idaho; Illinois; Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine; Maryland; Massachusetts; Michigan; Minnesota; Mississippi; Missouri; Montana; Nebraska; Nevada; New Hampshire; New Jersey; New Mexico; North Carolina; North Dakota; Ohio; Oklahoma; Oregon; Pennsylvania; Rhode Island; South Carolina; South Dakota; Tennessee; Texas; Utah; Vermont; Virginia; West Virginia; Wisconsin; Wyoming
Russia: Karelia; Mordovia; Siberia; Chechnya; Dagestan; Tatarstan; Bashkortostan; Yakutia; Chuvashia; Komi; Buryatia; Khakassia; Kalmykia; Adygea; Ingushetia; Kabardino-Balkaria; North Ossetia; Altai; Primorye; Kamchatka; Sakhalin; Chukotka; Yamal; Urals / the Urals; Moscow region / Moscow Oblast; Leningrad region / Leningrad Oblast; Rostov region; Kursk region; Belgorod region; Bryansk region; Vladimir region; Tver region; Perm region / Perm Krai; Krasnodar region / Krasnodar Krai
China: Xinjiang; Tibet; Inner Mongolia; Guangdong; Guangxi; Sichuan; Yunnan; Hubei; Hunan; Henan; Hebei; Shandong; Shanxi; Shaanxi; Jiangsu; Zhejiang; Fujian; Anhui; Jiangxi; Liaoning; Jilin; Heilongjiang; Gansu; Qinghai; Ningxia; Guizhou; Hainan
Iran: Sistan and Baluchestan / Sistan-Baluchestan; Khuzestan; Razavi Khorasan / Khorasan; Isfahan province; Fars province
Canada: Ontario; Quebec; British Columbia; Alberta; Manitoba; Saskatchewan; Nova Scotia; New Brunswick; Newfoundland
Australia: New South Wales; Queensland; Western Australia; South Australia; Tasmania
Ukraine: Donbas / Donbass; Kharkiv region; Kherson region; Zaporizhzhia region; Donetsk region; Luhansk region
Belarus: Gomel region; Grodno region; Vitebsk region; Mogilev region; Brest region; Minsk region
Mexico: Chihuahua; Sinaloa; Jalisco; Tamaulipas; Guerrero; Michoacan / Michoacán; Sonora; Zacatecas
Nigeria: Borno; Kaduna; Zamfara; Katsina; Niger State
Mali: Timbuktu region; Gao region; Kidal; Menaka / Ménaka
Burkina Faso: Sahel region
India: Manipur; Assam; Uttar Pradesh; Maharashtra; Gujarat; Tamil Nadu; Kerala; Rajasthan; Bihar
"""
