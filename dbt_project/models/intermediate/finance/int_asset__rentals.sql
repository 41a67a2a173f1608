{#- Rental contracts of the asset register with the keys compared with the ERP's rent receipts: the contract
    number and the register id as codes (norm_code). -#}
with contracts as (
    select * from {{ ref('stg_asset__rental_contract') }}
),

final as (
    select
        contracts.*,
        -- keys
        {{ norm_code('contracts.contract_no') }} as contract_key,
        {{ norm_code('contracts.register_id') }} as register_key
    from contracts
)

select * from final
